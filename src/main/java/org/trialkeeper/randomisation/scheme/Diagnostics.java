package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;
import org.trialkeeper.protocol.Scheme;

import java.util.HashMap;
import java.util.concurrent.CancellationException;
import java.util.List;
import java.util.Map;

/**
 * Simulates a scheme before any participant is enrolled, as randomizeR does offline: the
 * expected final and maximum imbalance between arms (counts divided by ratios), and the
 * Blackwell-Hodges predictability, the share of allocations guessed right by a recruiter who
 * always guesses the arm that is behind (in the participant's stratum, where there are strata),
 * as {@link ConvergenceGuess} defines it.
 * Simulated participants fall evenly over sites and factor levels.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    public record Result(String scheme, int simulations, int participantsPerSimulation, double expectedFinalImbalance,
                  double expectedMaximumImbalance, double predictability) {
    }

    /** Simulated allocations and list slots one request may cost: about a second or two of one core. */
    public static final long MOST_STEPS = 20_000_000;

    /**
     * The most simulations a request may ask of this protocol: each costs the target's allocations
     * and the lists of every stratum, so a large trial gets fewer.
     */
    public static int mostSimulations(Protocol protocol, int ceiling) {
        long lists = protocol.randomisation().scheme() == Scheme.MINIMISATION ? 0 : Strata.all(protocol).size();
        long perSimulation = (long) protocol.targetSampleSize() * (1 + lists);
        return (int) Math.max(1, Math.min(ceiling, MOST_STEPS / Math.max(1, perSimulation)));
    }

    /** Stops between simulations when its thread is interrupted, as on shutdown. */
    public static Result simulate(Protocol protocol, int simulations, UniformRandomProvider rng) {
        ArmWeights arms = ArmWeights.of(protocol.arms());
        int participants = protocol.targetSampleSize();
        double finalImbalance = 0;
        double maximumImbalance = 0;
        double correctGuesses = 0;
        for (int run = 0; run < simulations; run++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the simulation was interrupted after " + run + " runs");
            }
            Trial trial = new Trial(protocol, arms, rng);
            for (int i = 0; i < participants; i++) {
                correctGuesses += trial.enrolAndGuess();
            }
            finalImbalance += trial.imbalance(trial.overall);
            maximumImbalance += trial.maximumImbalance;
        }
        return new Result(protocol.randomisation().scheme().code(), simulations, participants,
                finalImbalance / simulations, maximumImbalance / simulations,
                correctGuesses / ((double) simulations * participants));
    }

    /** One simulated trial. */
    private static final class Trial {

        private final Protocol protocol;
        private final ArmWeights arms;
        private final UniformRandomProvider rng;
        private final Map<String, List<Slot>> lists;
        private final Map<String, int[]> byStratum = new HashMap<>();
        private final Map<String, int[]> byFactorLevel = new HashMap<>();
        private final int[] overall;
        private double maximumImbalance;

        Trial(Protocol protocol, ArmWeights arms, UniformRandomProvider rng) {
            this.protocol = protocol;
            this.arms = arms;
            this.rng = rng;
            this.lists = SequencePlan.generate(protocol, rng);
            this.overall = new int[arms.size()];
        }

        /** Allocates one simulated participant; answers the guesser's credit for it (0 to 1). */
        double enrolAndGuess() {
            Randomisation randomisation = protocol.randomisation();
            Map<String, String> levels = new HashMap<>();
            for (String factor : factors(randomisation)) {
                List<String> options = Strata.levels(protocol, factor);
                levels.put(factor, options.get(rng.nextInt(options.size())));
            }
            String stratum = randomisation.scheme() == Scheme.STRATIFIED_BLOCKS
                    ? Strata.of(protocol, levels.get(Randomisation.SITE_FACTOR), levels) : Strata.ALL;
            int[] seen = byStratum.computeIfAbsent(stratum, s -> new int[arms.size()]);
            int arm = randomisation.scheme() == Scheme.MINIMISATION
                    ? minimise(randomisation, levels)
                    : arms.index(lists.get(stratum).get(sum(seen)).arm());
            double credit = ConvergenceGuess.chances(seen, arms)[arm];
            seen[arm]++;
            overall[arm]++;
            for (String factor : factors(randomisation)) {
                byFactorLevel.computeIfAbsent(factor + "=" + levels.get(factor), k -> new int[arms.size()])[arm]++;
            }
            maximumImbalance = Math.max(maximumImbalance, imbalance(overall));
            return credit;
        }

        private int minimise(Randomisation randomisation, Map<String, String> levels) {
            List<MinimisationFactor> factors = randomisation.factors();
            double[] weights = new double[factors.size()];
            int[][] counts = new int[factors.size()][];
            for (int f = 0; f < factors.size(); f++) {
                weights[f] = factors.get(f).weight();
                String factor = factors.get(f).factor();
                counts[f] = byFactorLevel.getOrDefault(factor + "=" + levels.get(factor), new int[arms.size()]);
            }
            return Minimisation.choose(arms, weights, counts, randomisation.minimisingArmProbability(), rng);
        }

        double imbalance(int[] counts) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int arm = 0; arm < arms.size(); arm++) {
                double relative = (double) counts[arm] / arms.ratios().get(arm);
                min = Math.min(min, relative);
                max = Math.max(max, relative);
            }
            return max - min;
        }

        private static List<String> factors(Randomisation randomisation) {
            return randomisation.scheme() == Scheme.MINIMISATION
                    ? randomisation.factors().stream().map(MinimisationFactor::factor).toList()
                    : randomisation.stratifyBy();
        }

        private static int sum(int[] counts) {
            int total = 0;
            for (int count : counts) {
                total += count;
            }
            return total;
        }
    }
}
