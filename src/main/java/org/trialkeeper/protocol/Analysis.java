package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The pre-specified analysis of the outcomes, the analyses planned beside it (sensitivity
 * analyses, and subgroups by categorical baseline characteristics), and the sample-size plan, if
 * the protocol states one.
 */
@Serdeable
public record Analysis(AnalysisMethod method, double alpha, AnalysisPopulation population,
                       List<SensitivityAnalysis> sensitivity, List<String> subgroups, SampleSizePlan sampleSize) {
}
