package org.trialkeeper.assessment;

import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everyone who may still be assessed, by code, with each timepoint's due date (weeks from
 * randomisation) and the instruments done and to do. Nothing in it depends on the arm.
 */
final class Worklist {

    private Worklist() {
    }

    /**
     * @param randomisedAt when each randomised participant was randomised, by id
     * @param done         the "timepoint/instrument" entered for each participant, by id
     */
    static List<WorklistEntry> of(Protocol protocol, List<Followed> everyone, Map<Long, Instant> randomisedAt,
                                  Map<Long, Set<String>> done) {
        List<WorklistEntry> entries = new ArrayList<>();
        for (Followed followed : everyone) {
            Candidate candidate = followed.candidate();
            Instant at = randomisedAt.get(candidate.id());
            if (!candidate.status().acceptsAssessments() || at == null) {
                continue;
            }
            LocalDate randomisedOn = LocalDate.ofInstant(at, ZoneOffset.UTC);
            Set<String> theirs = done.getOrDefault(candidate.id(), Set.of());
            List<WorklistEntry.Due> timepoints = protocol.timepoints().stream()
                    .map(timepoint -> due(timepoint, randomisedOn, theirs)).toList();
            entries.add(new WorklistEntry(candidate.id(), candidate.code(), candidate.site(), timepoints));
        }
        entries.sort(Comparator.comparing(WorklistEntry::code));
        return entries;
    }

    private static WorklistEntry.Due due(Timepoint timepoint, LocalDate randomisedOn, Set<String> entered) {
        List<String> finished = new ArrayList<>();
        List<String> toDo = new ArrayList<>();
        for (String instrument : timepoint.instruments()) {
            (entered.contains(timepoint.id() + "/" + instrument) ? finished : toDo).add(instrument);
        }
        return new WorklistEntry.Due(timepoint.id(), randomisedOn.plusWeeks(timepoint.week()), finished, toDo);
    }
}
