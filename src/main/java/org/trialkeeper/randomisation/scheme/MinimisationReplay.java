package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;

import java.util.List;

/**
 * Minimisation decisions from stored facts only: the counts of earlier allocations by factor
 * level and arm (see {@link MarginalCounts}), and the seed's stream for the decision's number.
 * Allocation and verification both decide through here, so a replay after lock reaches the
 * same arms.
 */
public final class MinimisationReplay {

    /** An earlier allocation as minimisation sees it: the participant's levels and the arm given. */
    public record Decision(FactorLevels levels, String arm) {
    }

    private MinimisationReplay() {
    }

    /** The arm for allocation {@code number}, given the counts of every earlier decision. */
    public static String decide(Protocol protocol, MarginalCounts earlier, FactorLevels mine, byte[] seed,
                                SequenceStream stream, long number) {
        ArmWeights arms = ArmWeights.of(protocol.arms());
        List<MinimisationFactor> factors = protocol.randomisation().factors();
        double[] weights = new double[factors.size()];
        for (int f = 0; f < factors.size(); f++) {
            weights[f] = factors.get(f).weight();
        }
        int arm = Minimisation.choose(arms, weights, earlier.atLevels(arms, mine),
                protocol.randomisation().minimisingArmProbability(), stream.decision(seed, number));
        return arms.codes().get(arm);
    }
}
