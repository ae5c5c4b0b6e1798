package org.trialkeeper.analysis;

import org.apache.commons.statistics.distribution.FDistribution;

import java.util.List;

/**
 * Analysis of covariance of an outcome at follow-up on its baseline value and the arm, the
 * protocol's pre-specified analysis: {@code post ~ baseline + arm}, control as reference. With
 * two arms the arm's type III sum of squares is its t statistic squared times the residual
 * mean square, so F = t^2 on (1, n - 3) degrees of freedom.
 */
public final class Ancova {

    private Ancova() {
    }

    /** One participant with both values: baseline, follow-up, and whether in the intervention arm. */
    public record Observation(double baseline, double post, boolean intervention) {
    }

    /**
     * The figures of the arm's test, with the adjusted difference and both arms' adjusted means
     * at the overall mean baseline, each with its SE and t-based 95% CI.
     */
    public record Result(int n, double f, int dfArm, int dfResidual, double p, double partialEtaSquared,
                         double adjustedDifference, double differenceLower, double differenceUpper,
                         double adjustedMeanIntervention, double adjustedMeanControl, double baselineMean,
                         double residualSumOfSquares, Estimate difference, Estimate meanIntervention,
                         Estimate meanControl) {
    }

    public static Result fit(List<Observation> observations) {
        int n = observations.size();
        long intervention = observations.stream().filter(Observation::intervention).count();
        if (n < 4 || intervention == 0 || intervention == n) {
            throw new IllegalArgumentException("ANCOVA needs at least 4 participants with data, in both arms");
        }
        double[] y = new double[n];
        double[][] x = new double[n][2];
        double baselineSum = 0;
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            y[i] = o.post();
            x[i][0] = o.baseline();
            x[i][1] = o.intervention() ? 1 : 0;
            baselineSum += o.baseline();
        }
        LinearModel model = LinearModel.fit(y, x);
        int dfResidual = model.dfResidual();
        double residualSumOfSquares = model.residualSumOfSquares();
        Estimate difference = model.combination(new double[]{0, 0, 1});
        double t = difference.value() / difference.standardError();
        double f = t * t;
        double armSumOfSquares = f * residualSumOfSquares / dfResidual;
        double p = FDistribution.of(1, dfResidual).survivalProbability(f);
        double baselineMean = baselineSum / n;
        Estimate control = model.combination(new double[]{1, baselineMean, 0});
        Estimate treated = model.combination(new double[]{1, baselineMean, 1});
        return new Result(n, f, 1, dfResidual, p, armSumOfSquares / (armSumOfSquares + residualSumOfSquares),
                difference.value(), difference.lower(), difference.upper(), treated.value(), control.value(), baselineMean,
                residualSumOfSquares, difference, treated, control);
    }
}
