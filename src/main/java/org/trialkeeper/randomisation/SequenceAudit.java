package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.access.Actor;
import org.trialkeeper.randomisation.receipt.AllocationReceipt;
import org.trialkeeper.randomisation.timestamp.CommitmentTimestamps;
import org.trialkeeper.randomisation.timestamp.TimestampCheck;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** After database lock: the sequence revealed, and its verification against the commitment and the allocations. */
@Singleton
class SequenceAudit {

    private final TrialService trials;
    private final ParticipantService participants;
    private final RandomisationSetupRepository setups;
    private final Sequences sequences;
    private final AllocationSlotRepository slots;
    private final AllocationRepository allocations;
    private final AllocationMac mac;
    private final MinimisationCounts counts;
    private final AuditTrail audit;
    private final CommitmentTimestamps timestamps;
    private final AllocationReceipts receipts;

    SequenceAudit(TrialService trials, ParticipantService participants, RandomisationSetupRepository setups,
                  Sequences sequences, AllocationSlotRepository slots, AllocationRepository allocations,
                  AllocationMac mac, MinimisationCounts counts, AuditTrail audit, CommitmentTimestamps timestamps,
                  AllocationReceipts receipts) {
        this.trials = trials;
        this.participants = participants;
        this.setups = setups;
        this.sequences = sequences;
        this.slots = slots;
        this.allocations = allocations;
        this.mac = mac;
        this.counts = counts;
        this.audit = audit;
        this.timestamps = timestamps;
        this.receipts = receipts;
    }

    @Transactional
    SequenceExport export(Actor actor, long trialId) {
        Sequences.Sequence sequence = sequences.derive(lockedSetup(trialId));
        RandomisationSetup setup = sequence.setup();
        Map<Long, Candidate> byId = participants.candidates(trialId);
        List<Allocation> used = mac.checked(allocations.findByTrialIdOrderByNumber(trialId));
        Map<String, Allocation> bySlot = new HashMap<>();
        used.forEach(a -> bySlot.put(a.stratum() + "#" + a.position(), a));
        List<SequenceExport.Stratum> strata = new ArrayList<>();
        sequence.lists().forEach((stratum, list) -> strata.add(new SequenceExport.Stratum(stratum, list.stream()
                .map(slot -> {
                    Allocation user = bySlot.get(stratum + "#" + slot.position());
                    return new SequenceExport.SlotUse(slot.position(), slot.arm(), slot.block(), slot.blockSize(),
                            user == null ? null : user.number(),
                            user == null ? null : byId.get(user.participantId()).code());
                }).toList())));
        Map<Long, AllocationReceipt> held = receipts.byAllocation(trialId);
        List<SequenceExport.Used> rows = used.stream().map(a -> new SequenceExport.Used(a.number(),
                byId.get(a.participantId()).code(), a.stratum(), a.position(), a.factorLevels(), a.arm(), a.allocatedAt(),
                a.inErrorReason(), SequenceExport.ReceiptHeld.of(held.get(a.id()), a.mac()))).toList();
        audit.record(AuditEvent.of(actor, trialId, "randomisation.sequence-exported", "randomisation", trialId)
                .after(AuditEvent.fields("allocations", rows.size())).revealingAllocation());
        return new SequenceExport(trialId, setup.scheme().code(), setup.stream().code(), HexFormat.of().formatHex(sequence.seed()),
                setup.commitment(), setup.protocolVersion(), strata, rows, audit.anchor(trialId),
                SequenceExport.Settings.of(sequence.protocol()), timestamps.view(trialId));
    }

    /** A seed that cannot be opened is a finding of the verification, not a failure of it. */
    @Transactional
    SequenceVerification verify(long trialId) {
        RandomisationSetup setup = lockedSetup(trialId);
        List<Allocation> used = allocations.findByTrialIdOrderByNumber(trialId);
        Sequences.Sequence sequence;
        try {
            sequence = sequences.derive(setup);
        } catch (ProblemException e) {
            if (e.code() != ProblemCode.SEED_UNREADABLE) {
                throw e;
            }
            AllocationReceipts.Findings receipted = receipts.verify(trialId, setup.commitment(), used,
                    participants.candidates(trialId));
            List<String> differences = new ArrayList<>(List.of("the " + SeedVault.cannotOpen(trialId)));
            differences.addAll(receipted.differences());
            return new SequenceVerification(false, setup.stream().code(), false, used.stream().allMatch(mac::matches),
                    used.size(), receipted.checked(), differences, timestamp(setup, used));
        }
        Map<Long, Candidate> byId = participants.candidates(trialId);
        SequenceCheck replayed = SequenceCheck.of(sequence, slots.storedLists(trialId), used, byId, mac::matches);
        // a trial that made no decision since running counts were kept has none to check
        SequenceCheck check = setup.scheme() != Scheme.MINIMISATION ? replayed : counts.stored(trialId)
                .map(stored -> replayed.withRunningCounts(stored, used.size())).orElse(replayed);
        TimestampCheck stamp = timestamp(setup, used);
        List<String> differences = new ArrayList<>(check.differences().stream().map(SequenceCheck.Difference::text).toList());
        differences.addAll(stamp.problems());
        AllocationReceipts.Findings receipted = receipts.verify(trialId, setup.commitment(), used, byId);
        differences.addAll(receipted.differences());
        return new SequenceVerification(differences.isEmpty(), sequence.setup().stream().code(),
                check.commitmentMatches(), used.stream().allMatch(mac::matches), used.size(), receipted.checked(),
                differences, stamp);
    }

    /** The commitment's time-stamp checked against the published commitment and the earliest allocation. */
    private TimestampCheck timestamp(RandomisationSetup setup, List<Allocation> used) {
        Instant first = used.stream().map(Allocation::allocatedAt).min(Comparator.naturalOrder()).orElse(null);
        return timestamps.check(setup.trialId(), setup.commitment(), first);
    }

    private RandomisationSetup lockedSetup(long trialId) {
        if (trials.find(trialId).status() != TrialStatus.LOCKED) {
            throw new ProblemException(ProblemCode.NOT_LOCKED,
                    "The sequence is revealed only after the trial's database is LOCKED");
        }
        return setups.findById(trialId).orElseThrow(() -> new ProblemException(ProblemCode.NOT_COMMITTED, "This trial never opened recruitment, so it has no sequence"));
    }
}
