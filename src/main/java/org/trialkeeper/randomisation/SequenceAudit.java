package org.trialkeeper.randomisation;

import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.Commitment;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.SequenceStream;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.scheme.Strata;
import org.trialkeeper.access.Actor;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** After database lock: the sequence revealed, and its verification against the commitment and the allocations. */
@Singleton
class SequenceAudit {

    private final TrialService trials;
    private final ParticipantService participants;
    private final RandomisationSetupRepository setups;
    private final AllocationSlotRepository slots;
    private final AllocationRepository allocations;
    private final SeedVault vault;
    private final AuditTrail audit;

    SequenceAudit(TrialService trials, ParticipantService participants, RandomisationSetupRepository setups,
                  AllocationSlotRepository slots, AllocationRepository allocations, SeedVault vault, AuditTrail audit) {
        this.trials = trials;
        this.participants = participants;
        this.setups = setups;
        this.slots = slots;
        this.allocations = allocations;
        this.vault = vault;
        this.audit = audit;
    }

    @Transactional
    SequenceExport export(Actor actor, long trialId) {
        RandomisationSetup setup = lockedSetup(trialId);
        Map<Long, Candidate> byId = participants.candidates(trialId);
        List<Allocation> used = allocations.findByTrialIdOrderByNumber(trialId);
        Map<String, Allocation> bySlot = new HashMap<>();
        used.forEach(a -> bySlot.put(a.stratum() + "#" + a.position(), a));
        Map<String, List<SequenceExport.SlotUse>> strata = new LinkedHashMap<>();
        for (AllocationSlot slot : storedSlots(trialId)) {
            Allocation user = bySlot.get(slot.stratum() + "#" + slot.position());
            strata.computeIfAbsent(slot.stratum(), s -> new ArrayList<>()).add(new SequenceExport.SlotUse(
                    slot.position(), slot.arm(), slot.block(), slot.blockSize(),
                    user == null ? null : user.number(), user == null ? null : byId.get(user.participantId()).code()));
        }
        List<SequenceExport.Used> rows = used.stream().map(a -> new SequenceExport.Used(a.number(),
                byId.get(a.participantId()).code(), a.stratum(), a.position(), a.factorLevels(), a.arm(), a.allocatedAt(),
                a.inErrorReason())).toList();
        audit.record(AuditEvent.of(actor, trialId, "randomisation.sequence-exported", "randomisation", trialId)
                .after(AuditEvent.fields("allocations", rows.size())).revealingAllocation());
        return new SequenceExport(setup.scheme().code(), setup.stream().code(), HexFormat.of().formatHex(vault.open(setup.encryptedSeed(), trialId)),
                setup.commitment(), setup.protocolVersion(),
                strata.entrySet().stream().map(e -> new SequenceExport.Stratum(e.getKey(), e.getValue())).toList(), rows,
                audit.anchor());
    }

    @Transactional
    SequenceVerification verify(long trialId) {
        RandomisationSetup setup = lockedSetup(trialId);
        Protocol protocol = trials.protocolVersion(trialId, setup.protocolVersion());
        byte[] seed = vault.open(setup.encryptedSeed(), trialId);
        Map<String, List<Slot>> regenerated = SequencePlan.generate(protocol, seed, setup.stream());
        List<String> differences = new ArrayList<>();
        boolean commitmentMatches = Commitment.of(protocol, regenerated, seed, setup.stream()).equals(setup.commitment());
        if (!commitmentMatches) {
            differences.add("the lists regenerated from the seed do not hash to the published commitment");
        }
        Map<String, List<Slot>> stored = new LinkedHashMap<>();
        storedSlots(trialId).forEach(s -> stored.computeIfAbsent(s.stratum(), k -> new ArrayList<>()).add(s.slot()));
        boolean listsMatch = stored.equals(regenerated);
        if (!listsMatch) {
            regenerated.forEach((stratum, list) -> {
                if (!list.equals(stored.getOrDefault(stratum, List.of()))) {
                    differences.add("stored list of stratum " + stratum + " differs from the regenerated one");
                }
            });
            stored.keySet().stream().filter(s -> !regenerated.containsKey(s))
                    .forEach(s -> differences.add("stored list of unknown stratum " + s));
        }
        List<Allocation> used = allocations.findByTrialIdOrderByNumber(trialId);
        checkAllocations(protocol, seed, setup.stream(), regenerated, used, participants.candidates(trialId), differences);
        return new SequenceVerification(differences.isEmpty(), commitmentMatches, listsMatch, used.size(), differences);
    }

    private void checkAllocations(Protocol protocol, byte[] seed, SequenceStream stream, Map<String, List<Slot>> lists,
                                  List<Allocation> used,
                                  Map<Long, Candidate> byId, List<String> differences) {
        Map<String, Integer> nextPosition = new HashMap<>();
        List<MinimisationReplay.Decision> earlier = new ArrayList<>();
        for (int i = 0; i < used.size(); i++) {
            Allocation allocation = used.get(i);
            String who = "allocation " + allocation.number();
            if (allocation.number() != i + 1) {
                differences.add(who + " breaks the run of numbers at " + (i + 1));
            }
            Candidate participant = byId.get(allocation.participantId());
            if (protocol.randomisation().scheme() == Scheme.MINIMISATION) {
                FactorLevels levels = FactorLevels.of(protocol, participant.site(), participant.categories());
                String expected = MinimisationReplay.decide(protocol, earlier, levels, seed, stream, allocation.number());
                if (!levels.stored().equals(allocation.factorLevels())) {
                    differences.add(who + " was made for levels " + allocation.factorLevels() + ", the participant has "
                            + levels.stored());
                }
                if (!expected.equals(allocation.arm())) {
                    differences.add(who + " is " + allocation.arm() + " but the replayed decision is " + expected);
                }
                earlier.add(allocation.decision());
                continue;
            }
            String stratum = Strata.of(protocol, participant.site(), participant.categories());
            int position = nextPosition.merge(stratum, 1, Integer::sum);
            if (!stratum.equals(allocation.stratum()) || position != allocation.position()) {
                differences.add(who + " used " + allocation.stratum() + " #" + allocation.position()
                        + " but the next slot in order was " + stratum + " #" + position);
            }
            List<Slot> list = lists.getOrDefault(allocation.stratum(), List.of());
            if (allocation.position() > list.size() || !list.get(allocation.position() - 1).arm().equals(allocation.arm())) {
                differences.add(who + " is " + allocation.arm() + ", not the arm of its slot in the regenerated list");
            }
        }
    }

    private List<AllocationSlot> storedSlots(long trialId) {
        return slots.findByTrialId(trialId, Sort.of(Sort.Order.asc("stratum"), Sort.Order.asc("position")));
    }

    private RandomisationSetup lockedSetup(long trialId) {
        if (trials.find(trialId).status() != TrialStatus.LOCKED) {
            throw new ProblemException(ProblemCode.NOT_LOCKED,
                    "The sequence is revealed only after the trial's database is LOCKED");
        }
        return setups.findById(trialId).orElseThrow(() -> new ProblemException(ProblemCode.NOT_COMMITTED, "This trial never opened recruitment, so it has no sequence"));
    }
}
