package org.trialkeeper.followup;

import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Site;
import org.trialkeeper.protocol.Timepoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts a trial's progress from what the service read of it; the arithmetic only. */
final class ProgressCount {

    private static final Comparator<DropoutReason> BY_KIND_THEN_REASON =
            Comparator.comparing((DropoutReason d) -> d.kind().code()).thenComparing(DropoutReason::reason);

    private ProgressCount() {
    }

    /**
     * What the counts are made of, by participant id: when each was randomised, which
     * "timepoint/instrument" are entered, their events, and sessions attended where recorded.
     */
    record Facts(Protocol protocol, LocalDate today, Map<Long, Instant> randomisedAt,
                 Map<Long, Set<String>> entered, Map<Long, List<FollowUpEvent>> events,
                 Map<Long, Integer> attended) {
    }

    private record DropoutReason(EventKind kind, String reason) {
    }

    static Progress.Recruitment recruitment(Protocol protocol, List<Followed> everyone) {
        Map<String, long[]> bySite = new TreeMap<>();
        protocol.sites().stream().map(Site::code).forEach(code -> bySite.put(code, new long[3]));
        long ineligible = 0;
        long declined = 0;
        long enrolled = 0;
        long randomised = 0;
        for (Followed followed : everyone) {
            ParticipantStatus status = followed.candidate().status();
            long[] site = bySite.computeIfAbsent(followed.candidate().site(), code -> new long[3]);
            site[0]++;
            if (status == ParticipantStatus.INELIGIBLE) {
                ineligible++;
            } else if (status == ParticipantStatus.DECLINED) {
                declined++;
            } else {
                enrolled++;
                site[1]++;
                if (status.randomised()) {
                    randomised++;
                    site[2]++;
                }
            }
        }
        List<Progress.Site> sites = bySite.entrySet().stream()
                .map(e -> new Progress.Site(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
        return new Progress.Recruitment(protocol.targetSampleSize(), everyone.size(), ineligible, declined, enrolled,
                randomised, sites);
    }

    /** Progress of a group of randomised participants: everyone, or one arm. */
    static Progress.Group group(Facts facts, List<Followed> members) {
        List<Progress.TimepointProgress> timepoints = facts.protocol().timepoints().stream()
                .map(timepoint -> timepoint(facts, timepoint, members)).toList();
        List<Integer> attended = new ArrayList<>();
        long perProtocolExcluded = 0;
        for (Followed member : members) {
            Integer sessions = facts.attended().get(member.candidate().id());
            if (sessions != null) {
                attended.add(sessions);
            }
            perProtocolExcluded += member.perProtocolExcluded() ? 1 : 0;
        }
        return new Progress.Group(members.size(), timepoints, dropouts(facts, members),
                attendance(facts.protocol(), attended, perProtocolExcluded));
    }

    private static Progress.TimepointProgress timepoint(Facts facts, Timepoint timepoint, List<Followed> members) {
        long due = 0;
        long complete = 0;
        long overdue = 0;
        for (Followed member : members) {
            long id = member.candidate().id();
            Set<String> theirs = facts.entered().getOrDefault(id, Set.of());
            boolean done = timepoint.instruments().stream().allMatch(i -> theirs.contains(timepoint.id() + "/" + i));
            if (done) {
                // what is complete was due, even if it was entered before its date or its participant has left since
                due++;
                complete++;
                continue;
            }
            Instant at = facts.randomisedAt().get(id);
            if (at == null || !member.candidate().status().acceptsAssessments()) {
                continue;
            }
            LocalDate dueOn = LocalDate.ofInstant(at, ZoneOffset.UTC).plusWeeks(timepoint.week());
            if (!facts.today().isBefore(dueOn)) {
                due++;
                if (facts.today().isAfter(dueOn.plusDays(ProgressService.OVERDUE_AFTER_DAYS))) {
                    overdue++;
                }
            }
        }
        return new Progress.TimepointProgress(timepoint.id(), due, complete, overdue);
    }

    /** The events that moved a member's status, counted by kind and reason. */
    private static List<Progress.Dropout> dropouts(Facts facts, List<Followed> members) {
        Map<DropoutReason, Long> dropouts = new TreeMap<>(BY_KIND_THEN_REASON);
        for (Followed member : members) {
            for (FollowUpEvent event : facts.events().getOrDefault(member.candidate().id(), List.of())) {
                if (event.kind().moves().isPresent()) {
                    dropouts.merge(new DropoutReason(event.kind(), event.reason()), 1L, Long::sum);
                }
            }
        }
        return dropouts.entrySet().stream()
                .map(e -> new Progress.Dropout(e.getKey().kind().code(), e.getKey().reason(), e.getValue())).toList();
    }

    private static Progress.Attendance attendance(Protocol protocol, List<Integer> attended, long perProtocolExcluded) {
        if (attended.isEmpty()) {
            return new Progress.Attendance(protocol.intervention().sessions(), 0, null, null, null, perProtocolExcluded);
        }
        List<Integer> sorted = attended.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return new Progress.Attendance(protocol.intervention().sessions(), n, median, sorted.get(0), sorted.get(n - 1),
                perProtocolExcluded);
    }
}
