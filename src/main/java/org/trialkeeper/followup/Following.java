package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.TrialService;

/**
 * Whom follow-up is recorded for: a randomised participant of a trial that is collecting data,
 * locked for the change, and their arm. Each change is audited as revealing the allocation,
 * since attendance and most events tell which arm a participant is in.
 */
@Singleton
record Following(TrialService trials, ParticipantService participants, Allocations allocations) {

    /** The protocol of a trial collecting data; any other status refuses. */
    Protocol protocol(long trialId) {
        return trials.collecting(trialId, "Follow-up is recorded");
    }

    /** Locks the participant for the rest of the transaction; refused unless randomised. */
    Candidate lockRandomised(long trialId, long participantId) {
        Candidate candidate = participants.lock(trialId, participantId);
        if (!candidate.status().randomised()) {
            throw new ProblemException(ProblemCode.NOT_RANDOMISED,
                    "Follow-up is recorded for randomised participants only");
        }
        return candidate;
    }

    /** Locks the participant; refused unless randomised and still consenting. */
    Candidate lockFollowed(long trialId, long participantId) {
        Candidate candidate = lockRandomised(trialId, participantId);
        if (candidate.status() == ParticipantStatus.WITHDRAWN) {
            throw new ProblemException(ProblemCode.WITHDRAWN, "This participant withdrew consent");
        }
        return candidate;
    }

    Arm arm(Protocol protocol, long participantId) {
        String code = allocations.armOf(participantId);
        return protocol.arms().stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("participant " + participantId + " has no known arm"));
    }

    static AuditEvent revealing(Actor actor, long trialId, String action, String entity, Object id,
                                Object before, Object after, String reason) {
        return AuditEvent.of(actor, trialId, action, entity, id).before(before).after(after).because(reason)
                .revealingAllocation();
    }
}
