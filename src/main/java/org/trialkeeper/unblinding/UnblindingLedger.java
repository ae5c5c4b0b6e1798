package org.trialkeeper.unblinding;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationView;
import org.trialkeeper.randomisation.Allocations;

import java.time.Clock;

/** Writes down emergency unblindings, and the attempts that were refused. */
@Singleton
class UnblindingLedger {

    private final ParticipantService participants;
    private final Allocations allocations;
    private final UnblindingRepository unblindings;
    private final AuditTrail audit;
    private final Clock clock;

    UnblindingLedger(ParticipantService participants, Allocations allocations, UnblindingRepository unblindings,
                     AuditTrail audit, Clock clock) {
        this.participants = participants;
        this.allocations = allocations;
        this.unblindings = unblindings;
        this.audit = audit;
        this.clock = clock;
    }

    /** The allocation, with its unblinding and the audit record that names the arm. */
    @Transactional
    AllocationView reveal(Actor actor, Protocol protocol, long trialId, long participantId, String reason) {
        Candidate candidate = participants.candidate(trialId, participantId);
        AllocationView allocation = allocations.of(protocol, participantId, candidate.code());
        unblindings.save(new Unblinding(null, trialId, participantId, actor.userId(), actor.role().name(), reason,
                clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "participant.unblinded", "allocation", allocation.number())
                .after(AuditEvent.fields("participant", candidate.code(), "arm", allocation.arm())).because(reason)
                .revealingAllocation());
        return allocation;
    }

    /**
     * A refused attempt: who, which participant and why, never the arm. Its own transaction, so
     * the refusal that follows cannot roll it back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refused(Actor actor, long trialId, long participantId, ProblemCode why) {
        audit.record(AuditEvent.of(actor, trialId, "participant.unblinding-refused", "participant", participantId)
                .because(why.code()));
    }

    @Transactional
    long count(long trialId) {
        return unblindings.countByTrialId(trialId);
    }
}
