package org.trialkeeper.randomisation;

import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimisation decisions from stored facts only: each earlier allocation's factor levels and
 * arm, and the seed's generator for the decision's number. Allocation and verification both
 * decide through here, so a replay after lock reaches the same arms.
 */
final class MinimisationReplay {

    private MinimisationReplay() {
    }

    /** A participant's levels of the minimisation factors, like {@code site=RAZI;sex=female}. */
    static String levels(Protocol protocol, String site, Map<String, String> categories) {
        List<String> parts = new ArrayList<>();
        for (MinimisationFactor factor : protocol.randomisation().factors()) {
            String level = Randomisation.SITE_FACTOR.equals(factor.factor()) ? site : categories.get(factor.factor());
            parts.add(factor.factor() + "=" + level);
        }
        return String.join(";", parts);
    }

    /**
     * @param earlier each earlier allocation, oldest first, as {@code levels|arm}
     */
    static String decide(Protocol protocol, List<String> earlier, String levels, byte[] seed, long number) {
        ArmWeights arms = ArmWeights.of(protocol.arms());
        List<MinimisationFactor> factors = protocol.randomisation().factors();
        String[] mine = levels.split(";");
        Map<String, int[]> counts = new HashMap<>();
        for (String previous : earlier) {
            String[] parts = previous.split("\\|");
            int arm = arms.index(parts[1]);
            for (String level : parts[0].split(";")) {
                counts.computeIfAbsent(level, k -> new int[arms.size()])[arm]++;
            }
        }
        double[] weights = new double[factors.size()];
        int[][] atLevel = new int[factors.size()][];
        for (int f = 0; f < factors.size(); f++) {
            weights[f] = factors.get(f).weight();
            atLevel[f] = counts.getOrDefault(mine[f], new int[arms.size()]);
        }
        int arm = Minimisation.choose(arms, weights, atLevel, protocol.randomisation().minimisingArmProbability(),
                Seeds.decision(seed, number));
        return arms.codes().get(arm);
    }
}
