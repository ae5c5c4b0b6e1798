package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimisation decisions from stored facts only: each earlier allocation's factor levels and
 * arm, and the seed's stream for the decision's number. Allocation and verification both
 * decide through here, so a replay after lock reaches the same arms.
 */
public final class MinimisationReplay {

    /** An earlier allocation as minimisation sees it: the participant's levels and the arm given. */
    public record Decision(FactorLevels levels, String arm) {
    }

    private MinimisationReplay() {
    }

    /** The arm for allocation {@code number}, given every earlier decision, oldest first. */
    public static String decide(Protocol protocol, List<Decision> earlier, FactorLevels mine, byte[] seed,
                                SequenceStream stream, long number) {
        ArmWeights arms = ArmWeights.of(protocol.arms());
        List<MinimisationFactor> factors = protocol.randomisation().factors();
        Map<FactorLevels.Level, int[]> counts = new HashMap<>();
        for (Decision previous : earlier) {
            int arm = arms.index(previous.arm());
            for (FactorLevels.Level level : previous.levels().levels()) {
                counts.computeIfAbsent(level, k -> new int[arms.size()])[arm]++;
            }
        }
        double[] weights = new double[factors.size()];
        int[][] atLevel = new int[factors.size()][];
        for (int f = 0; f < factors.size(); f++) {
            weights[f] = factors.get(f).weight();
            atLevel[f] = counts.getOrDefault(mine.levels().get(f), new int[arms.size()]);
        }
        int arm = Minimisation.choose(arms, weights, atLevel, protocol.randomisation().minimisingArmProbability(),
                stream.decision(seed, number));
        return arms.codes().get(arm);
    }
}
