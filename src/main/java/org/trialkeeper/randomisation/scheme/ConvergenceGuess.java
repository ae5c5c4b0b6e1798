package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.Protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The convergence strategy of Blackwell and Hodges, followed allocation by allocation: a
 * recruiter who knows every earlier allocation guesses, before each one, the arm furthest
 * behind in the list it is drawn from (its stratum under stratified blocks, the whole trial
 * under every other scheme), counts divided by the arm's ratio. When k arms tie the recruiter
 * names one of them at random, so a right guess among them earns 1/k: the share of right
 * guesses is the expected share, with no coin of its own.
 */
public final class ConvergenceGuess {

    private final ArmWeights arms;
    private final Map<String, int[]> seen = new HashMap<>();

    private ConvergenceGuess(ArmWeights arms) {
        this.arms = arms;
    }

    /** A guesser before the trial's first allocation. */
    public static ConvergenceGuess of(Protocol protocol) {
        return new ConvergenceGuess(ArmWeights.of(protocol.arms()));
    }

    /**
     * One allocation as the guesser saw it.
     *
     * @param chances the chance the guesser named each arm, in the protocol's order
     * @param credit  the chance the guess was right: the chance of the arm allocated
     */
    public record Guess(List<Double> chances, double credit) {
    }

    /** The guess for the next allocation in the list {@code stratum}: the chance of naming each arm, in the protocol's order. */
    public List<Double> chances(String stratum) {
        return Arrays.stream(chances(seen.getOrDefault(stratum, new int[arms.size()]), arms)).boxed().toList();
    }

    /** Guesses the allocation to {@code arm} in the list {@code stratum}, then counts it there. */
    public Guess next(String stratum, String arm) {
        int[] counts = seen.computeIfAbsent(stratum, s -> new int[arms.size()]);
        int actual = arms.index(arm);
        double[] chances = chances(counts, arms);
        counts[actual]++;
        return new Guess(Arrays.stream(chances).boxed().toList(), chances[actual]);
    }

    /** The chance of each arm being named, given the counts so far: 1/k for each of the k arms furthest behind. */
    static double[] chances(int[] counts, ArmWeights arms) {
        double lowest = Double.MAX_VALUE;
        for (int arm = 0; arm < arms.size(); arm++) {
            lowest = Math.min(lowest, relative(counts, arms, arm));
        }
        int tied = 0;
        for (int arm = 0; arm < arms.size(); arm++) {
            tied += relative(counts, arms, arm) == lowest ? 1 : 0;
        }
        double[] chances = new double[arms.size()];
        for (int arm = 0; arm < arms.size(); arm++) {
            chances[arm] = relative(counts, arms, arm) == lowest ? 1.0 / tied : 0;
        }
        return chances;
    }

    private static double relative(int[] counts, ArmWeights arms, int arm) {
        return (double) counts[arm] / arms.ratios().get(arm);
    }
}
