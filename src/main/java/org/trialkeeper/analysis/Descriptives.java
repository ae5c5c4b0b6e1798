package org.trialkeeper.analysis;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.Collection;

/** n, mean and standard deviation (n - 1 denominator) of a set of values. */
public record Descriptives(long n, double mean, double standardDeviation) {

    public static Descriptives of(Collection<Double> values) {
        SummaryStatistics statistics = new SummaryStatistics();
        values.forEach(statistics::addValue);
        return new Descriptives(statistics.getN(), statistics.getMean(), statistics.getStandardDeviation());
    }
}
