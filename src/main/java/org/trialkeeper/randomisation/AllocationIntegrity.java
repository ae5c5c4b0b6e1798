package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For the administrator, at any time: which of a trial's allocations no longer match their
 * MACs, by number and never by arm, and whatever else stands in the way of trusting them: a
 * seed that cannot be opened, a gap in the numbers, allocations made before allocations were
 * sealed that were not sealed because they do not follow the trial's sequence, or a
 * minimisation trial's running counts that differ from a recount of its allocations, named by
 * factor level and never by arm.
 */
@Singleton
class AllocationIntegrity {

    /**
     * {@code altered} holds allocation numbers only: those that do not match their MACs, or in a
     * trial not sealed, those that do not follow its sequence.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Report(long trialId, boolean intact, int allocationsChecked, List<Integer> altered, List<String> problems) {
    }

    private final TrialService trials;
    private final RandomisationSetupRepository setups;
    private final AllocationRepository allocations;
    private final AllocationMac mac;
    private final SeedVault vault;
    private final AllocationSealing sealing;
    private final MinimisationCounts counts;

    AllocationIntegrity(TrialService trials, RandomisationSetupRepository setups, AllocationRepository allocations,
                        AllocationMac mac, SeedVault vault, AllocationSealing sealing, MinimisationCounts counts) {
        this.trials = trials;
        this.setups = setups;
        this.allocations = allocations;
        this.mac = mac;
        this.vault = vault;
        this.sealing = sealing;
        this.counts = counts;
    }

    @Transactional
    Report check(long trialId) {
        trials.find(trialId);
        List<Allocation> all = allocations.findByTrialIdOrderByNumber(trialId);
        List<Integer> altered = all.stream().filter(a -> !mac.matches(a)).map(Allocation::number).toList();
        List<String> problems = new ArrayList<>();
        Optional<RandomisationSetup> setup = setups.findById(trialId);
        if (setup.isPresent() && setup.get().scheme() == Scheme.MINIMISATION) {
            counts.stored(trialId).ifPresent(stored -> problems.addAll(countProblems(stored, all)));
        }
        if (setup.isPresent()) {
            try {
                vault.open(setup.get().encryptedSeed(), trialId);
                AllocationSealing.Pending pending = sealing.pending(setup.get());
                if (pending.any()) {
                    altered = pending.mismatched();
                    problems.add(notSealed(trialId, pending));
                }
            } catch (ProblemException unreadable) {
                problems.add(unreadable.getMessage());
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).number() != i + 1) {
                problems.add("the allocation numbers skip from " + i + " to " + all.get(i).number());
                break;
            }
        }
        return new Report(trialId, altered.isEmpty() && problems.isEmpty(), all.size(), altered, problems);
    }

    private static List<String> countProblems(MinimisationCounts.Stored stored, List<Allocation> all) {
        MarginalCounts recount = new MarginalCounts();
        all.forEach(allocation -> recount.add(allocation.decision()));
        List<String> problems = new ArrayList<>();
        if (!stored.intact()) {
            problems.add("the running minimisation counts do not match their MAC");
        }
        if (stored.allocations() != all.size()) {
            problems.add("the running minimisation counts count " + stored.allocations() + " allocations, the trial has "
                    + all.size());
        }
        stored.counts().differingFrom(recount).stream().map(cell -> cell.factor() + "=" + cell.level()).distinct()
                .forEach(level -> problems.add("the running minimisation counts at " + level
                        + " differ from the allocations"));
        return problems;
    }

    private static String notSealed(long trialId, AllocationSealing.Pending pending) {
        String opened = "Trial " + trialId + " opened recruitment before allocations were sealed";
        if (pending.obstacles().isEmpty()) {
            return opened + " and is not sealed yet; the service seals it when it next starts";
        }
        return opened + " and is not sealed, since " + pending.reasons()
                + ": its allocations are refused until this is resolved";
    }
}
