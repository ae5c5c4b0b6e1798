package org.trialkeeper.analysis;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

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

    public record Result(int n, double f, int dfArm, int dfResidual, double p, double partialEtaSquared,
                         double adjustedDifference, double differenceLower, double differenceUpper,
                         double adjustedMeanIntervention, double adjustedMeanControl, double baselineMean,
                         double residualSumOfSquares) {
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
        OLSMultipleLinearRegression model = new OLSMultipleLinearRegression();
        model.newSampleData(y, x);
        double[] beta = model.estimateRegressionParameters();
        double[] standardErrors = model.estimateRegressionParametersStandardErrors();
        int dfResidual = n - 3;
        double residualSumOfSquares = model.calculateResidualSumOfSquares();
        double t = beta[2] / standardErrors[2];
        double f = t * t;
        double armSumOfSquares = f * residualSumOfSquares / dfResidual;
        double p = FDistribution.of(1, dfResidual).survivalProbability(f);
        double critical = TDistribution.of(dfResidual).inverseCumulativeProbability(0.975);
        double baselineMean = baselineSum / n;
        double control = beta[0] + beta[1] * baselineMean;
        return new Result(n, f, 1, dfResidual, p, armSumOfSquares / (armSumOfSquares + residualSumOfSquares), beta[2],
                beta[2] - critical * standardErrors[2], beta[2] + critical * standardErrors[2], control + beta[2],
                control, baselineMean, residualSumOfSquares);
    }
}
