package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.List;

/**
 * For the administrator, at any time: which of a trial's allocations no longer match their
 * MACs, by number and never by arm, and whatever else stands in the way of trusting them.
 */
@Singleton
class AllocationIntegrity {

    /** {@code altered} holds allocation numbers only. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Report(long trialId, boolean intact, int allocationsChecked, List<Integer> altered, List<String> problems) {
    }

    private final TrialService trials;
    private final RandomisationSetupRepository setups;
    private final AllocationRepository allocations;
    private final AllocationMac mac;
    private final SeedVault vault;

    AllocationIntegrity(TrialService trials, RandomisationSetupRepository setups, AllocationRepository allocations,
                        AllocationMac mac, SeedVault vault) {
        this.trials = trials;
        this.setups = setups;
        this.allocations = allocations;
        this.mac = mac;
        this.vault = vault;
    }

    @Transactional
    Report check(long trialId) {
        trials.find(trialId);
        List<Allocation> all = allocations.findByTrialIdOrderByNumber(trialId);
        List<Integer> altered = all.stream().filter(a -> !mac.matches(a)).map(Allocation::number).toList();
        List<String> problems = new ArrayList<>();
        setups.findById(trialId).ifPresent(setup -> {
            try {
                vault.open(setup.encryptedSeed(), trialId);
            } catch (ProblemException unreadable) {
                problems.add(unreadable.getMessage());
            }
        });
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).number() != i + 1) {
                problems.add("the allocation numbers skip from " + i + " to " + all.get(i).number());
                break;
            }
        }
        return new Report(trialId, altered.isEmpty() && problems.isEmpty(), all.size(), altered, problems);
    }
}
