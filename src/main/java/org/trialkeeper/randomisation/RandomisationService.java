package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.Strata;
import org.trialkeeper.randomisation.timestamp.CommitmentTimestamps;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.util.regex.Pattern;

/** Randomises participants, shows and flags their allocations, and publishes the commitment. */
@Singleton
public class RandomisationService {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,64}");

    private final TrialService trials;
    private final ParticipantService participants;
    private final AllocationQueue queue;
    private final RandomisationSetupRepository setups;
    private final AllocationRepository allocationRows;
    private final Allocations allocations;
    private final AuditTrail audit;
    private final CommitmentTimestamps timestamps;
    private final AllocationReceipts receipts;
    private final Clock clock;
    private final RandomisationMeters meters;

    RandomisationService(TrialService trials, ParticipantService participants, AllocationQueue queue,
                         RandomisationSetupRepository setups, AllocationRepository allocationRows,
                         Allocations allocations, AuditTrail audit, CommitmentTimestamps timestamps,
                         AllocationReceipts receipts, Clock clock, RandomisationMeters meters) {
        this.trials = trials;
        this.participants = participants;
        this.queue = queue;
        this.setups = setups;
        this.allocationRows = allocationRows;
        this.allocations = allocations;
        this.audit = audit;
        this.timestamps = timestamps;
        this.receipts = receipts;
        this.clock = clock;
        this.meters = meters;
    }

    public AllocationView randomise(Actor actor, long trialId, long participantId, String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidRequest(
                    "Idempotency-Key", idempotencyKey == null ? "required" : "pattern",
                    "a header of 8-64 letters, digits, '_', '.', ':' or '-', the same on every retry");
        }
        return meters.randomisation(trialId,
                () -> queue.allocate(trialId, new Allocator.Request(actor, participantId, idempotencyKey)));
    }

    /** Shows one participant's allocation, with its receipt, to someone allowed to see it; the read itself is audited. */
    @Transactional
    public AllocationView allocation(Actor actor, long trialId, long participantId) {
        Candidate candidate = participants.candidate(trialId, participantId);
        Allocation allocation = allocations.allocated(participantId);
        audit.record(AuditEvent.of(actor, trialId, "allocation.viewed", "allocation", allocation.number())
                .after(AuditEvent.fields("participant", candidate.code(), "arm", allocation.arm())).revealingAllocation());
        return AllocationView.of(trials.protocol(trialId), allocation, candidate.code())
                .withReceipt(receipts.held(allocation, candidate.code()));
    }

    /** Randomised in error: never undone; flagged with a reason, and the participant keeps the arm. */
    @Transactional
    AllocationView flagInError(Actor actor, long trialId, long participantId, String reason) {
        String why = Values.requiredReason(reason);
        Candidate candidate = participants.lock(trialId, participantId);
        Allocation allocation = allocations.allocated(participantId);
        if (allocation.inErrorReason() != null) {
            throw new ProblemException(ProblemCode.ALREADY_FLAGGED,
                    "This allocation is already flagged as randomised in error");
        }
        Allocation flagged = allocationRows.update(allocation.flaggedInError(why, clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "allocation.flagged-in-error", "allocation",
                allocation.number()).before(AuditEvent.fields("inError", false)).after(AuditEvent.fields("inError", true))
                .because(why));
        return AllocationView.of(trials.protocol(trialId), flagged, candidate.code());
    }

    @Transactional
    CommitmentView commitment(long trialId) {
        trials.find(trialId);
        RandomisationSetup setup = setups.findById(trialId).orElseThrow(() -> new ProblemException(ProblemCode.NOT_COMMITTED, "The allocation sequence is generated when recruitment opens"));
        int strata = setup.scheme() == Scheme.MINIMISATION ? 0 : Strata.all(trials.protocol(trialId)).size();
        return new CommitmentView(setup.scheme().code(), setup.stream().code(), setup.commitment(),
                CommitmentView.ALGORITHM, strata, setup.committedAt(), timestamps.view(trialId));
    }

}
