package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Site;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts a trial's progress from the live data. */
@Singleton
public class ProgressService {

    static final int OVERDUE_AFTER_DAYS = 14;

    private final TrialService trials;
    private final ParticipantService participants;
    private final AllocationTimes allocationTimes;
    private final Allocations randomisation;
    private final AssessmentService assessments;
    private final AttendanceRepository attendance;
    private final FollowUpEventRepository events;
    private final Clock clock;

    ProgressService(TrialService trials, ParticipantService participants, AllocationTimes allocationTimes,
                    Allocations randomisation, AssessmentService assessments, AttendanceRepository attendance,
                    FollowUpEventRepository events, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.allocationTimes = allocationTimes;
        this.randomisation = randomisation;
        this.assessments = assessments;
        this.attendance = attendance;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Progress progress(Actor actor, long trialId) {
        TrialStatus status = trials.find(trialId).status();
        Protocol protocol = trials.protocol(trialId);
        boolean byArm = actor.role() == Role.ADMIN || actor.role() == Role.COORDINATOR || status == TrialStatus.LOCKED;
        List<Followed> everyone = participants.followed(trialId);
        Map<Long, Instant> randomisedAt = allocationTimes.of(trialId);
        Map<Long, Set<String>> entered = assessments.entered(trialId);
        Map<Long, List<FollowUpEvent>> eventsOf = new HashMap<>();
        events.findByTrialIdOrderById(trialId).forEach(e -> eventsOf.computeIfAbsent(e.participantId(),
                id -> new ArrayList<>()).add(e));
        Map<Long, Integer> sessionsOf = new HashMap<>();
        attendance.findAttended(trialId).forEach(a -> sessionsOf.put(a.participantId(), a.attended()));
        Facts facts = new Facts(protocol, LocalDate.now(clock.withZone(ZoneOffset.UTC)), randomisedAt, entered, eventsOf,
                sessionsOf);

        List<Followed> randomised = everyone.stream().filter(f -> f.candidate().status().randomised()).toList();
        List<Progress.ArmGroup> arms = null;
        if (byArm) {
            Map<Long, String> armOf = randomisation.arms(trialId);
            arms = new ArrayList<>();
            for (Arm arm : protocol.arms()) {
                arms.add(new Progress.ArmGroup(arm.code(), arm.label(), group(facts, randomised.stream()
                        .filter(f -> arm.code().equals(armOf.get(f.candidate().id()))).toList())));
            }
        }
        return new Progress(status.name(), byArm, recruitment(protocol, everyone), group(facts, randomised), arms);
    }

    private record Facts(Protocol protocol, LocalDate today, Map<Long, Instant> randomisedAt,
                         Map<Long, Set<String>> entered, Map<Long, List<FollowUpEvent>> events,
                         Map<Long, Integer> attended) {
    }

    private static Progress.Recruitment recruitment(Protocol protocol, List<Followed> everyone) {
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

    private static Progress.Group group(Facts facts, List<Followed> members) {
        List<Progress.TimepointProgress> timepoints = new ArrayList<>();
        for (Timepoint timepoint : facts.protocol().timepoints()) {
            long due = 0;
            long complete = 0;
            long overdue = 0;
            for (Followed member : members) {
                long id = member.candidate().id();
                Set<String> theirs = facts.entered().getOrDefault(id, Set.of());
                boolean done = timepoint.instruments().stream().allMatch(i -> theirs.contains(timepoint.id() + "/" + i));
                complete += done ? 1 : 0;
                Instant at = facts.randomisedAt().get(id);
                if (at == null || !member.candidate().status().acceptsAssessments()) {
                    continue;
                }
                LocalDate dueOn = LocalDate.ofInstant(at, ZoneOffset.UTC).plusWeeks(timepoint.week());
                if (!facts.today().isBefore(dueOn)) {
                    due++;
                    if (!done && facts.today().isAfter(dueOn.plusDays(OVERDUE_AFTER_DAYS))) {
                        overdue++;
                    }
                }
            }
            timepoints.add(new Progress.TimepointProgress(timepoint.id(), due, complete, overdue));
        }
        Map<String, Long> dropouts = new TreeMap<>();
        List<Integer> attended = new ArrayList<>();
        long perProtocolExcluded = 0;
        for (Followed member : members) {
            for (FollowUpEvent event : facts.events().getOrDefault(member.candidate().id(), List.of())) {
                if (event.kind().moves().isPresent()) {
                    dropouts.merge(event.kind().code() + "\n" + event.reason(), 1L, Long::sum);
                }
            }
            Integer sessions = facts.attended().get(member.candidate().id());
            if (sessions != null) {
                attended.add(sessions);
            }
            perProtocolExcluded += member.perProtocolExcluded() ? 1 : 0;
        }
        return new Progress.Group(members.size(), timepoints, dropouts.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("\n", 2);
            return new Progress.Dropout(parts[0], parts[1], e.getValue());
        }).toList(), attendance(facts.protocol(), attended, perProtocolExcluded));
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
