package org.trialkeeper.unblinding;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.access.Actor;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;

/**
 * Unblinds one participant in an emergency (ICH E6(R3)): only roles the protocol names, with a
 * reason and the user's password entered again; it reveals that participant only, and every
 * unblinding is recorded, audited and counted.
 */
@Singleton
public class EmergencyUnblinding {

    private final TrialService trials;
    private final ParticipantService participants;
    private final Allocations allocations;
    private final UnblindingRepository unblindings;
    private final UserService users;
    private final AuditTrail audit;
    private final Clock clock;

    EmergencyUnblinding(TrialService trials, ParticipantService participants, Allocations allocations,
                        UnblindingRepository unblindings, UserService users, AuditTrail audit, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.allocations = allocations;
        this.unblindings = unblindings;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    AllocationView unblind(Actor actor, long trialId, long participantId, UnblindingRequest request) {
        Protocol protocol = trials.protocol(trialId);
        if (actor.role() == null || !protocol.emergencyUnblinding().roles().contains(actor.role().name())) {
            throw new ProblemException(ProblemCode.UNBLINDING_NOT_PERMITTED,
                    "The protocol lets " + protocol.emergencyUnblinding().roles() + " unblind in an emergency");
        }
        String reason = Values.requiredReason(request.reason());
        if (!users.passwordMatches(actor.userId(), request.password())) {
            throw new ProblemException(ProblemCode.PASSWORD_MISMATCH,
                    "Unblinding needs your password entered again");
        }
        Candidate candidate = participants.candidate(trialId, participantId);
        AllocationView allocation = allocations.of(protocol, participantId, candidate.code());
        unblindings.save(new Unblinding(null, trialId, participantId, actor.userId(), actor.role().name(), reason,
                clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "participant.unblinded", "allocation", allocation.number())
                .after(AuditEvent.fields("participant", candidate.code(), "arm", allocation.arm())).because(reason)
                .revealingAllocation());
        return allocation;
    }

    /** How many participants of the trial were unblinded in an emergency. */
    @Transactional
    public long count(long trialId) {
        return unblindings.countByTrialId(trialId);
    }
}
