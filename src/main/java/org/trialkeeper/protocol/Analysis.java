package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/** The pre-specified analysis of the outcomes. */
@Serdeable
public record Analysis(AnalysisMethod method, double alpha, AnalysisPopulation population) {
}
