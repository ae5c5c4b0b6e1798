package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts a trial's progress from the live data. */
@Singleton
public class ProgressService {

    /** How long past its due date an incomplete timepoint waits before it counts as overdue. */
    static final int OVERDUE_AFTER_DAYS = 14;

    private final TrialService trials;
    private final ParticipantService participants;
    private final AllocationTimes allocationTimes;
    private final Allocations allocations;
    private final AssessmentService assessments;
    private final AttendanceRegister attendance;
    private final FollowUpEventRepository events;
    private final Clock clock;

    ProgressService(TrialService trials, ParticipantService participants, AllocationTimes allocationTimes,
                    Allocations allocations, AssessmentService assessments, AttendanceRegister attendance,
                    FollowUpEventRepository events, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.allocationTimes = allocationTimes;
        this.allocations = allocations;
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
        ProgressCount.Facts facts = facts(protocol, trialId);
        List<Followed> randomised = everyone.stream().filter(f -> f.candidate().status().randomised()).toList();
        return new Progress(status.name(), byArm, ProgressCount.recruitment(protocol, everyone),
                ProgressCount.group(facts, randomised), byArm ? byArm(facts, trialId, randomised) : null);
    }

    private ProgressCount.Facts facts(Protocol protocol, long trialId) {
        Map<Long, List<FollowUpEvent>> eventsOf = new HashMap<>();
        events.findByTrialIdOrderById(trialId).forEach(e -> eventsOf.computeIfAbsent(e.participantId(),
                id -> new ArrayList<>()).add(e));
        return new ProgressCount.Facts(protocol, LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                allocationTimes.of(trialId), assessments.entered(trialId), eventsOf,
                attendance.sessionsAttended(trialId));
    }

    private List<Progress.ArmGroup> byArm(ProgressCount.Facts facts, long trialId, List<Followed> randomised) {
        Map<Long, String> armOf = allocations.arms(trialId);
        List<Progress.ArmGroup> arms = new ArrayList<>();
        for (Arm arm : facts.protocol().arms()) {
            arms.add(new Progress.ArmGroup(arm.code(), arm.label(), ProgressCount.group(facts, randomised.stream()
                    .filter(f -> arm.code().equals(armOf.get(f.candidate().id()))).toList())));
        }
        return arms;
    }
}
