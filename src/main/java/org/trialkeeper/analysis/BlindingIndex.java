package org.trialkeeper.analysis;

import java.util.Optional;

/**
 * How well assessors stayed blind, from their guesses of each participant's arm.
 * <ul>
 * <li>Bang's index per arm: (right guesses - wrong guesses) / everyone asked in that arm,
 * "don't know" included; 1 is fully unblinded, 0 is guessing at random, -1 is opposite
 * guessing.</li>
 * <li>James' index over the trial: (1 + P_dk + (1 - P_dk) kappa_d) / 2, where kappa_d compares
 * the share of wrong guesses among those who guessed with the share expected from the margins;
 * 1 is complete blinding, 0.5 random guessing, 0 unblinded. Its standard error is the
 * delta-method one under multinomial sampling of the six cells.</li>
 * </ul>
 * Both agree with the R package BI (1.2.0, default weights) to six decimals.
 */
public final class BlindingIndex {

    private BlindingIndex() {
    }

    public record Result(Optional<Estimate> james, Optional<Estimate> bangIntervention, Optional<Estimate> bangControl) {
    }

    public static Result of(GuessTable table) {
        return new Result(james(table),
                bang(table.guessInterventionTrueIntervention(), table.guessControlTrueIntervention(),
                        table.dontKnowTrueIntervention()),
                bang(table.guessControlTrueControl(), table.guessInterventionTrueControl(),
                        table.dontKnowTrueControl()));
    }

    /** Bang's index of one arm, with its standard error. */
    static Optional<Estimate> bang(long right, long wrong, long dontKnow) {
        double n = right + wrong + dontKnow;
        if (n == 0) {
            return Optional.empty();
        }
        double pRight = right / n;
        double pWrong = wrong / n;
        double variance = (pRight * (1 - pRight) + pWrong * (1 - pWrong) + 2 * pRight * pWrong) / n;
        return Optional.of(Estimate.of(pRight - pWrong, Math.sqrt(variance)));
    }

    /**
     * With a, b, c, d the guessed cells (guess x truth), M their sum, N everyone, and
     * D = (a+b)(b+d) + (c+d)(a+c) the expected disagreement times M squared, the index is
     * 1 - M/N + M^2 (b+c) / (2 N D). Its variance is the sum over cells of count times the
     * squared derivative by that count.
     */
    static Optional<Estimate> james(GuessTable table) {
        double a = table.guessInterventionTrueIntervention();
        double b = table.guessInterventionTrueControl();
        double c = table.guessControlTrueIntervention();
        double d = table.guessControlTrueControl();
        double e = table.dontKnowTrueIntervention();
        double f = table.dontKnowTrueControl();
        double n = table.total();
        double m = a + b + c + d;
        double disagreement = (a + b) * (b + d) + (c + d) * (a + c);
        if (n == 0 || disagreement == 0) {
            return Optional.empty();
        }
        double wrong = b + c;
        double index = 1 - m / n + m * m * wrong / (2 * n * disagreement);
        double[] counts = {a, b, c, d, e, f};
        double[] dD = {(b + d) + (c + d), (b + d) + (a + b), (c + d) + (a + c), (a + b) + (a + c), 0, 0};
        double variance = 0;
        for (int cell = 0; cell < counts.length; cell++) {
            boolean guessed = cell < 4;
            double dM = guessed ? 1 : 0;
            double dWrong = cell == 1 || cell == 2 ? 1 : 0;
            double dShare = guessed ? (n - m) / (n * n) : -m / (n * n);
            double dTerm = (2 * m * dM * wrong + m * m * dWrong) / (2 * n * disagreement)
                    - m * m * wrong * (disagreement + n * dD[cell]) / (2 * n * n * disagreement * disagreement);
            double derivative = -dShare + dTerm;
            variance += counts[cell] * derivative * derivative;
        }
        return Optional.of(Estimate.of(index, Math.sqrt(variance)));
    }
}
