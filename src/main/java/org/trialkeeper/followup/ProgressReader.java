package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.TrialService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole trial and counts its progress, overall and by arm, in one transaction. */
@Singleton
class ProgressReader {

    private final TrialService trials;
    private final AuditTrail audit;
    private final ParticipantService participants;
    private final AllocationTimes allocationTimes;
    private final Allocations allocations;
    private final AssessmentService assessments;
    private final AttendanceRegister attendance;
    private final FollowUpEventRepository events;

    ProgressReader(TrialService trials, AuditTrail audit, ParticipantService participants, AllocationTimes allocationTimes,
                   Allocations allocations, AssessmentService assessments, AttendanceRegister attendance,
                   FollowUpEventRepository events) {
        this.trials = trials;
        this.audit = audit;
        this.participants = participants;
        this.allocationTimes = allocationTimes;
        this.allocations = allocations;
        this.assessments = assessments;
        this.attendance = attendance;
        this.events = events;
    }

    /**
     * The count for {@code today}, with the trial's audit sequence read first: what is read after
     * it is at least as new, so the count serves every reader who saw that sequence or an older one.
     */
    @Transactional
    ProgressService.Counted count(long trialId, LocalDate today) {
        long version = audit.anchor(trialId).seq();
        String status = trials.find(trialId).status().name();
        Protocol protocol = trials.protocol(trialId);
        List<Followed> everyone = participants.followed(trialId);
        ProgressCount.Facts facts = facts(protocol, trialId, today);
        List<Followed> randomised = everyone.stream().filter(f -> f.candidate().status().randomised()).toList();
        Progress progress = new Progress(status, true, ProgressCount.recruitment(protocol, everyone),
                ProgressCount.group(facts, randomised), byArm(facts, trialId, randomised));
        return new ProgressService.Counted(version, today, progress);
    }

    private ProgressCount.Facts facts(Protocol protocol, long trialId, LocalDate today) {
        Map<Long, List<FollowUpEvent>> eventsOf = new HashMap<>();
        events.findByTrialIdOrderById(trialId).forEach(e -> eventsOf.computeIfAbsent(e.participantId(),
                id -> new ArrayList<>()).add(e));
        return new ProgressCount.Facts(protocol, today, allocationTimes.of(trialId), assessments.entered(trialId), eventsOf,
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
