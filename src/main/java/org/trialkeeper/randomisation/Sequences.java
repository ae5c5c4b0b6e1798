package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.scheme.Commitment;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.trial.TrialService;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trial's sequence exists only sealed: its seed, encrypted under the seed key. The lists are
 * derived from it when they are needed and never stored, so no dump of the database holds an
 * allocation that has not been made.
 */
@Singleton
class Sequences {

    /** What never changes once recruitment has opened: the protocol version, the seed and the lists they determine. */
    record Sequence(Protocol protocol, RandomisationSetup setup, byte[] seed, Map<String, List<Slot>> lists) {

        boolean matchesCommitment() {
            return Commitment.of(protocol, lists, seed, setup.stream()).equals(setup.commitment());
        }
    }

    private final TrialService trials;
    private final RandomisationSetupRepository setups;
    private final SeedVault vault;
    private final Map<Long, Sequence> derived = new ConcurrentHashMap<>();

    Sequences(TrialService trials, RandomisationSetupRepository setups, SeedVault vault) {
        this.trials = trials;
        this.setups = setups;
        this.vault = vault;
    }

    /**
     * The sequence allocations are made from, derived the first time under the trial's
     * allocation lock, which the caller holds, and then kept in memory. It must hash to the
     * published commitment: a protocol version, stream or seed changed in the database since
     * recruitment opened allocates nothing.
     */
    Sequence forAllocation(long trialId) {
        Sequence known = derived.get(trialId);
        if (known != null) {
            return known;
        }
        // derived outside the map: a long derivation must not hold up other trials' look-ups
        Sequence sequence = derive(setups.findById(trialId)
                .orElseThrow(() -> new IllegalStateException("A recruiting trial " + trialId + " has no sequence")));
        if (!sequence.matchesCommitment()) {
            throw new ProblemException(ProblemCode.SEQUENCE_ALTERED, "The sequence of trial " + trialId
                    + " as the database now holds it no longer hashes to its published commitment");
        }
        Sequence first = derived.putIfAbsent(trialId, sequence);
        return first != null ? first : sequence;
    }

    /** Derived afresh from what the database holds now. */
    Sequence derive(RandomisationSetup setup) {
        Protocol protocol = trials.protocolVersion(setup.trialId(), setup.protocolVersion());
        byte[] seed = vault.open(setup.encryptedSeed(), setup.trialId());
        return new Sequence(protocol, setup, seed, SequencePlan.generate(protocol, seed, setup.stream()));
    }
}
