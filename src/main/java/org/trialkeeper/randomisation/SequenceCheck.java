package org.trialkeeper.randomisation;

import org.trialkeeper.participant.Candidate;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.scheme.Strata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A trial's sequence, derived from its seed, checked against what the database holds: the
 * published commitment, any list stored in clear by a trial opened before lists were derived,
 * every allocation in order, and a minimisation trial's running counts. Minimisation is replayed
 * with the counts kept as it goes, so a check is one pass over the allocations. Verification after lock and the sealing of trials opened
 * before both check through here.
 */
record SequenceCheck(boolean commitmentMatches, List<Difference> differences, MarginalCounts recount) {

    /** One thing that does not match; {@code allocation} is the allocation's number when it is about one. */
    record Difference(Integer allocation, String text) {
    }

    /**
     * @param intact whether an allocation matches its MAC: one that does not is named as changed,
     *               and its arm is not compared, so that no forged arm is repeated
     */
    static SequenceCheck of(Sequences.Sequence sequence, List<AllocationSlot> stored, List<Allocation> used,
                            Map<Long, Candidate> byId, Predicate<Allocation> intact) {
        List<Difference> differences = new ArrayList<>();
        boolean commitmentMatches = sequence.matchesCommitment();
        if (!commitmentMatches) {
            differences.add(new Difference(null, "the lists regenerated from the seed do not hash to the published commitment"));
        }
        storedLists(sequence.lists(), stored, differences);
        MarginalCounts recount = allocations(sequence, used, byId, intact, differences);
        return new SequenceCheck(commitmentMatches, differences, recount);
    }

    /**
     * This check and what it finds of a minimisation trial's running counts, if it has them:
     * whether they match their MAC, count every allocation, and equal the recount of the
     * allocations cell by cell.
     */
    SequenceCheck withRunningCounts(MinimisationCounts.Stored stored, int allocations) {
        List<Difference> found = new ArrayList<>(differences);
        if (!stored.intact()) {
            found.add(new Difference(null, "the running minimisation counts do not match their MAC"));
        }
        if (stored.allocations() != allocations) {
            found.add(new Difference(null, "the running minimisation counts count " + stored.allocations()
                    + " allocations, the trial has " + allocations));
        }
        for (MarginalCounts.Cell cell : stored.counts().differingFrom(recount)) {
            found.add(new Difference(null, "the running count of " + cell.factor() + "=" + cell.level() + " in arm "
                    + cell.arm() + " is " + stored.counts().count(cell) + ", the allocations give " + recount.count(cell)));
        }
        return new SequenceCheck(commitmentMatches, found, recount);
    }

    private static void storedLists(Map<String, List<Slot>> regenerated, List<AllocationSlot> slots,
                                       List<Difference> differences) {
        Map<String, List<Slot>> stored = new LinkedHashMap<>();
        slots.forEach(s -> stored.computeIfAbsent(s.stratum(), k -> new ArrayList<>()).add(s.slot()));
        if (stored.isEmpty() || stored.equals(regenerated)) {
            return;
        }
        regenerated.forEach((stratum, list) -> {
            if (!list.equals(stored.getOrDefault(stratum, List.of()))) {
                differences.add(new Difference(null, "stored list of stratum " + stratum + " differs from the regenerated one"));
            }
        });
        stored.keySet().stream().filter(s -> !regenerated.containsKey(s))
                .forEach(s -> differences.add(new Difference(null, "stored list of unknown stratum " + s)));
    }

    /** Checks each allocation in order; answers the counts of their factor levels and arms, as stored. */
    private static MarginalCounts allocations(Sequences.Sequence sequence, List<Allocation> used,
                                              Map<Long, Candidate> byId, Predicate<Allocation> intact,
                                              List<Difference> differences) {
        Protocol protocol = sequence.protocol();
        Map<String, Integer> nextPosition = new HashMap<>();
        MarginalCounts earlier = new MarginalCounts();
        for (int i = 0; i < used.size(); i++) {
            Allocation allocation = used.get(i);
            int number = allocation.number();
            String who = "allocation " + number;
            if (number != i + 1) {
                differences.add(new Difference(number, who + " breaks the run of numbers at " + (i + 1)));
            }
            boolean changed = !intact.test(allocation);
            if (changed) {
                differences.add(new Difference(number, who + " was changed in the database: it does not match its MAC"));
            }
            Candidate participant = byId.get(allocation.participantId());
            if (protocol.randomisation().scheme() == Scheme.MINIMISATION) {
                FactorLevels levels = FactorLevels.of(protocol, participant.site(), participant.categories());
                String expected = MinimisationReplay.decide(protocol, earlier, levels, sequence.seed(),
                        sequence.setup().stream(), number);
                if (!levels.stored().equals(allocation.factorLevels())) {
                    differences.add(new Difference(number, who + " was made for levels " + allocation.factorLevels()
                            + ", the participant has " + levels.stored()));
                }
                if (!changed && !expected.equals(allocation.arm())) {
                    differences.add(new Difference(number, who + " is " + allocation.arm()
                            + " but the replayed decision is " + expected));
                }
                earlier.add(allocation.decision());
                continue;
            }
            String stratum = Strata.of(protocol, participant.site(), participant.categories());
            int position = nextPosition.merge(stratum, 1, Integer::sum);
            if (!stratum.equals(allocation.stratum()) || position != allocation.position()) {
                differences.add(new Difference(number, who + " used " + allocation.stratum() + " #" + allocation.position()
                        + " but the next slot in order was " + stratum + " #" + position));
            }
            List<Slot> list = sequence.lists().getOrDefault(allocation.stratum(), List.of());
            if (!changed && (allocation.position() > list.size()
                    || !list.get(allocation.position() - 1).arm().equals(allocation.arm()))) {
                differences.add(new Difference(number, who + " is " + allocation.arm()
                        + ", not the arm of its slot in the regenerated list"));
            }
        }
        return earlier;
    }
}