package org.trialkeeper.assessment;

import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
     * @param assessable who may be assessed, by code
     * @param done       the "timepoint/instrument" entered for each of them, by id
     */
    static List<WorklistEntry> of(Protocol protocol, List<WorklistQuery.Assessable> assessable,
                                  Map<Long, Set<String>> done) {
        List<WorklistEntry> entries = new ArrayList<>();
        for (WorklistQuery.Assessable participant : assessable) {
            LocalDate randomisedOn = LocalDate.ofInstant(participant.randomisedAt(), ZoneOffset.UTC);
            Set<String> theirs = done.getOrDefault(participant.participantId(), Set.of());
            List<WorklistEntry.Due> timepoints = protocol.timepoints().stream()
                    .map(timepoint -> due(timepoint, randomisedOn, theirs)).toList();
            entries.add(new WorklistEntry(participant.participantId(), participant.code(), participant.site(), timepoints));
        }
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
