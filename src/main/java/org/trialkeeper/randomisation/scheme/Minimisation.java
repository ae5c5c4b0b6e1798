package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Pocock-Simon minimisation with the range as the measure of imbalance. For each arm it
 * imagines the new participant there and adds up, over the factors and by their weights, the
 * range of the arms' counts (divided by their ratios) among earlier participants who share
 * the new one's level of that factor. The arm with the smallest total is given with
 * probability {@code p}, another arm otherwise; when all arms tie, the draw follows the ratio.
 */
final class Minimisation {

    private static final double TIE = 1e-9;

    private Minimisation() {
    }

    /**
     * @param countsAtLevel for each factor, how many earlier participants with the new
     *                      participant's level of it are in each arm
     */
    static int choose(ArmWeights arms, double[] weights, int[][] countsAtLevel, double p, UniformRandomProvider rng) {
        double[] totals = totals(arms, weights, countsAtLevel);
        double best = Double.MAX_VALUE;
        for (double total : totals) {
            best = Math.min(best, total);
        }
        List<Integer> minimising = new ArrayList<>();
        for (int arm = 0; arm < totals.length; arm++) {
            if (totals[arm] - best < TIE) {
                minimising.add(arm);
            }
        }
        if (minimising.size() == arms.size()) {
            return arms.draw(rng);
        }
        int preferred = minimising.get(rng.nextInt(minimising.size()));
        if (rng.nextDouble() < p) {
            return preferred;
        }
        List<Integer> others = new ArrayList<>();
        for (int arm = 0; arm < arms.size(); arm++) {
            if (arm != preferred) {
                others.add(arm);
            }
        }
        return others.get(rng.nextInt(others.size()));
    }

    static double[] totals(ArmWeights arms, double[] weights, int[][] countsAtLevel) {
        double[] totals = new double[arms.size()];
        for (int candidate = 0; candidate < arms.size(); candidate++) {
            for (int factor = 0; factor < weights.length; factor++) {
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                for (int arm = 0; arm < arms.size(); arm++) {
                    double count = countsAtLevel[factor][arm] + (arm == candidate ? 1 : 0);
                    double relative = count / arms.ratios().get(arm);
                    min = Math.min(min, relative);
                    max = Math.max(max, relative);
                }
                totals[candidate] += weights[factor] * (max - min);
            }
        }
        return totals;
    }
}
