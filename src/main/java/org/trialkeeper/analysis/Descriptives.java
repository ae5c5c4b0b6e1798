package org.trialkeeper.analysis;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.Collection;

/** n, mean and standard deviation (n - 1 denominator) of a set of values. */
public record Descriptives(long n, double mean, double standardDeviation) {

    public static Descriptives of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The values are added in order, so the same values in the same order always give the same bits. */
    public static Descriptives of(double[] values) {
        SummaryStatistics statistics = new SummaryStatistics();
        for (double value : values) {
            statistics.addValue(value);
        }
        return new Descriptives(statistics.getN(), statistics.getMean(), statistics.getStandardDeviation());
    }
}
