package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;

/** A point estimate with its standard error and 95% confidence interval; absent when not defined. */
@Serdeable
public record Estimate(double value, double standardError, double lower, double upper) {

    private static final double Z_975 = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
            .inverseCumulativeProbability(0.975);

    static Estimate of(double value, double standardError) {
        return new Estimate(value, standardError, value - Z_975 * standardError, value + Z_975 * standardError);
    }
}
