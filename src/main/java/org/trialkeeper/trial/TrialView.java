package org.trialkeeper.trial;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.analysis.SampleSize;

import java.time.Instant;

/** A trial; one trial read on its own also carries the sample size its protocol plans, if any. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialView(long id, String shortName, String title, String registryId, TrialStatus status,
                        int protocolVersion, Instant createdAt, Instant updatedAt, SampleSize.Result sampleSize) {

    static TrialView of(Trial trial) {
        return new TrialView(trial.id(), trial.shortName(), trial.title(), trial.registryId(), trial.status(),
                trial.protocolVersion(), trial.createdAt(), trial.updatedAt(), null);
    }

    TrialView withSampleSize(SampleSize.Result calculation) {
        return new TrialView(id, shortName, title, registryId, status, protocolVersion, createdAt, updatedAt, calculation);
    }
}
