package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The values the sample size was planned with: the difference worth detecting, the outcome's
 * SD, the correlation of baseline and post scores, the two-sided alpha (the analysis's unless
 * stated), the power, and the share expected to drop out.
 */
@Serdeable
public record SampleSizePlan(double difference, double sd, double correlation, double alpha, double power,
                             double dropout) {
}
