package org.trialkeeper.randomisation;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.security.Actor;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Allocates participants. Each allocation is one transaction: the participant's row lock, then
 * the allocation lock, the next slot of the participant's stratum (or the minimisation
 * decision), the allocation row under unique keys on participant, slot, number and
 * idempotency key, and its audit record. A slot is read only after the participant is locked as enrolled, and only that
 * participant's slot, so nothing about the next allocation can be learnt beforehand.
 */
@Singleton
public class RandomisationService {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,64}");

    private final TrialService trials;
    private final ParticipantService participants;
    private final RandomisationSetupRepository setups;
    private final AllocationSlotRepository slots;
    private final AllocationRepository allocations;
    private final AuditTrail audit;
    private final SeedVault vault;
    private final Clock clock;
    private final Map<Long, Sequence> sequences = new ConcurrentHashMap<>();

    RandomisationService(TrialService trials, ParticipantService participants, RandomisationSetupRepository setups,
                         AllocationSlotRepository slots, AllocationRepository allocations, AuditTrail audit,
                         SeedVault vault, Clock clock) {
        this.trials = trials;
        this.participants = participants;
        this.setups = setups;
        this.slots = slots;
        this.allocations = allocations;
        this.audit = audit;
        this.vault = vault;
        this.clock = clock;
    }

    @Transactional
    public AllocationView randomise(Actor actor, long trialId, long participantId, String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidRequest(
                    "Idempotency-Key", idempotencyKey == null ? "required" : "pattern",
                    "a header of 8-64 letters, digits, '_', '.', ':' or '-', the same on every retry");
        }
        var replay = allocations.findByTrialIdAndIdempotencyKey(trialId, idempotencyKey);
        if (replay.isPresent()) {
            return answerRetry(replay.get(), participantId, trialId);
        }
        if (trials.find(trialId).status() != TrialStatus.RECRUITING) {
            throw new ProblemException(ProblemKind.CONFLICT, "not-recruiting", "Not recruiting",
                    "Participants are randomised only while the trial is RECRUITING");
        }
        Candidate candidate = participants.lockForRandomisation(trialId, participantId);
        var existing = allocations.findByParticipantId(participantId);
        if (existing.isPresent()) {
            return answerRetry(existing.get(), participantId, trialId, idempotencyKey);
        }
        if (candidate.status() != ParticipantStatus.ENROLLED) {
            throw new ProblemException(ProblemKind.CONFLICT, "not-enrolled", "Not enrolled",
                    "Only an enrolled participant (eligible, consent given) can be randomised; this one is "
                            + candidate.status());
        }
        Sequence sequence = sequence(trialId);
        participants.markRandomised(candidate);
        // from here to commit, allocations are made one at a time: the audit chain's lock is the
        // allocation lock, since every allocation is recorded there anyway
        AuditTrail.Chain chain = audit.lock();
        Allocation saved = save(sequence.protocol().randomisation().scheme() == Scheme.MINIMISATION
                ? minimise(actor, sequence, candidate, idempotencyKey)
                : nextSlot(actor, sequence.protocol(), trialId, candidate, idempotencyKey));
        chain.record(new AuditEvent(actor, trialId, "participant.randomised", "allocation",
                Integer.toString(saved.number()), null, "{\"participant\":\"" + candidate.code() + "\",\"number\":"
                + saved.number() + ",\"arm\":\"" + saved.arm() + "\"}", null, true));
        return view(sequence.protocol(), saved, candidate.code());
    }

    /** What never changes once recruitment has opened: the protocol version it opened under, and the sealed seed. */
    private record Sequence(Protocol protocol, RandomisationSetup setup) {
    }

    private Sequence sequence(long trialId) {
        return sequences.computeIfAbsent(trialId, id -> {
            RandomisationSetup setup = setups.findById(id)
                    .orElseThrow(() -> new IllegalStateException("A recruiting trial " + id + " has no sequence"));
            return new Sequence(trials.protocolVersion(id, setup.protocolVersion()), setup);
        });
    }

    private Allocation nextSlot(Actor actor, Protocol protocol, long trialId, Candidate candidate, String key) {
        String stratum = Strata.of(protocol, candidate.site(), candidate.categories());
        NextSlot slot = slots.findNext(trialId, stratum)
                .orElseThrow(() -> new ProblemException(ProblemKind.CONFLICT, "sequence-exhausted", "Sequence exhausted",
                        "This stratum's allocation list is used up; the protocol's target sample size must be amended"));
        return new Allocation(null, trialId, candidate.id(), (int) slot.allocated() + 1, stratum, slot.position(),
                stratum, slot.arm(), key, actor.userId(), clock.instant(), null, null);
    }

    private Allocation minimise(Actor actor, Sequence sequence, Candidate candidate, String key) {
        Protocol protocol = sequence.protocol();
        long trialId = sequence.setup().trialId();
        String levels = MinimisationReplay.levels(protocol, candidate.site(), candidate.categories());
        List<Allocation> earlier = allocations.findByTrialIdOrderByNumber(trialId);
        int number = earlier.size() + 1;
        byte[] seed = vault.open(sequence.setup().encryptedSeed(), trialId);
        String arm = MinimisationReplay.decide(protocol, earlier.stream().map(a -> a.factorLevels() + "|" + a.arm()).toList(),
                levels, seed, number);
        return new Allocation(null, trialId, candidate.id(), number, Strata.ALL, number, levels, arm, key,
                actor.userId(), clock.instant(), null, null);
    }

    private Allocation save(Allocation allocation) {
        try {
            return allocations.save(allocation);
        } catch (DataAccessException e) {
            // the participant and trial locks rule out every other duplicate; a key sent at the
            // same moment for another participant is the one the database can still catch
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException duplicate
                    && duplicate.getMessage().contains("uq_allocation_idempotency")) {
                throw new ProblemException(ProblemKind.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was used for another request; send a new key for a new randomisation");
            }
            throw e;
        }
    }

    private AllocationView answerRetry(Allocation allocation, long participantId, long trialId) {
        if (allocation.participantId() != participantId) {
            throw new ProblemException(ProblemKind.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for another participant; send a new key for a new randomisation");
        }
        return view(trials.protocol(trialId), allocation, participants.candidate(trialId, participantId).code());
    }

    private AllocationView answerRetry(Allocation allocation, long participantId, long trialId, String key) {
        if (allocation.idempotencyKey().equals(key)) {
            return answerRetry(allocation, participantId, trialId);
        }
        throw new ProblemException(ProblemKind.CONFLICT, "already-randomised", "Already randomised",
                "This participant was randomised before, as allocation number " + allocation.number());
    }

    /** Shows one participant's allocation to someone allowed to see it; the read itself is audited. */
    @Transactional
    public AllocationView allocation(Actor actor, long trialId, long participantId) {
        Candidate candidate = participants.candidate(trialId, participantId);
        Allocation allocation = allocated(participantId);
        audit.record(new AuditEvent(actor, trialId, "allocation.viewed", "allocation",
                Integer.toString(allocation.number()), null, "{\"participant\":\"" + candidate.code() + "\",\"arm\":\""
                + allocation.arm() + "\"}", null, true));
        return view(trials.protocol(trialId), allocation, candidate.code());
    }

    /** Randomised in error: never undone; flagged with a reason, and the participant keeps the arm. */
    @Transactional
    AllocationView flagInError(Actor actor, long trialId, long participantId, String reason) {
        String why = requiredReason(reason);
        Candidate candidate = participants.lockForRandomisation(trialId, participantId);
        Allocation allocation = allocated(participantId);
        if (allocation.inErrorReason() != null) {
            throw new ProblemException(ProblemKind.CONFLICT, "already-flagged", "Already flagged",
                    "This allocation is already flagged as randomised in error");
        }
        Allocation flagged = allocations.update(allocation.flaggedInError(why, clock.instant()));
        audit.record(AuditEvent.of(actor, trialId, "allocation.flagged-in-error", "allocation",
                allocation.number(), "{\"inError\":false}", "{\"inError\":true}").because(why));
        return view(trials.protocol(trialId), flagged, candidate.code());
    }

    @Transactional
    CommitmentView commitment(long trialId) {
        trials.find(trialId);
        RandomisationSetup setup = setups.findById(trialId).orElseThrow(() -> new ProblemException(ProblemKind.CONFLICT,
                "not-committed", "Not committed", "The allocation sequence is generated when recruitment opens"));
        int strata = setup.scheme() == Scheme.MINIMISATION ? 0 : Strata.all(trials.protocol(trialId)).size();
        return new CommitmentView(setup.scheme().code(), setup.commitment(), CommitmentView.ALGORITHM, strata,
                setup.committedAt());
    }

    Allocation allocated(long participantId) {
        return allocations.findByParticipantId(participantId).orElseThrow(() -> new ProblemException(
                ProblemKind.CONFLICT, "not-randomised", "Not randomised", "This participant has not been randomised"));
    }

    AllocationView view(Protocol protocol, Allocation allocation, String code) {
        String label = protocol.arms().stream().filter(a -> a.code().equals(allocation.arm())).map(Arm::label)
                .findFirst().orElse(allocation.arm());
        return new AllocationView(allocation.number(), allocation.participantId(), code, allocation.arm(), label,
                allocation.allocatedAt(), allocation.inErrorReason());
    }

    static String requiredReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason",
                    reason == null || reason.isBlank() ? "required" : "max-length", "a reason of at most 2000 characters");
        }
        return reason.strip();
    }

}
