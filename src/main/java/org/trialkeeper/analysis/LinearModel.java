package org.trialkeeper.analysis;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * An ordinary least-squares fit with an intercept, and what the report asks of it: a
 * coefficient or a weighted sum of coefficients (an adjusted mean, a difference within a
 * subgroup) with its standard error from sigma^2 (X'X)^-1 and a 95% interval on the residual
 * degrees of freedom, as R's {@code predict} and {@code confint} give them.
 */
final class LinearModel {

    private final double[] coefficients;
    private final double[][] unscaledCovariance;
    private final double errorVariance;
    private final double residualSumOfSquares;
    private final int dfResidual;

    private LinearModel(OLSMultipleLinearRegression model, int n) {
        coefficients = model.estimateRegressionParameters();
        unscaledCovariance = model.estimateRegressionParametersVariance();
        errorVariance = model.estimateErrorVariance();
        residualSumOfSquares = model.calculateResidualSumOfSquares();
        dfResidual = n - coefficients.length;
    }

    /** The fit of y on the columns of x and an intercept; refused when the columns do not determine the coefficients. */
    static LinearModel fit(double[] y, double[][] x) {
        if (y.length <= x[0].length + 1) {
            throw new IllegalArgumentException("too few participants with data for the model's " + (x[0].length + 1)
                    + " coefficients");
        }
        OLSMultipleLinearRegression model = new OLSMultipleLinearRegression();
        model.newSampleData(y, x);
        try {
            return new LinearModel(model, y.length);
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the data do not determine every coefficient of the model");
        }
    }

    /** The coefficient of column {@code column} of x (0 is the intercept, 1 the first column). */
    double coefficient(int column) {
        return coefficients[column];
    }

    double residualSumOfSquares() {
        return residualSumOfSquares;
    }

    int dfResidual() {
        return dfResidual;
    }

    /** The sum of the coefficients times the weights (the intercept's first), with its SE and t-based 95% CI. */
    Estimate combination(double[] weights) {
        double value = 0;
        double variance = 0;
        for (int i = 0; i < weights.length; i++) {
            value += weights[i] * coefficients[i];
            for (int j = 0; j < weights.length; j++) {
                variance += weights[i] * unscaledCovariance[i][j] * weights[j];
            }
        }
        double standardError = Math.sqrt(variance * errorVariance);
        double half = TDistribution.of(dfResidual).inverseCumulativeProbability(0.975) * standardError;
        return new Estimate(value, standardError, value - half, value + half);
    }

    /** Two-sided p of the t test that the combination is zero. */
    double p(Estimate combination) {
        double t = Math.abs(combination.value() / combination.standardError());
        return 2 * TDistribution.of(dfResidual).survivalProbability(t);
    }
}
