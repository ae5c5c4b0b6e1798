package org.trialkeeper.trial;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
public record TrialView(long id, String shortName, String title, String registryId, TrialStatus status,
                        int protocolVersion, Instant createdAt, Instant updatedAt) {

    static TrialView of(Trial trial) {
        return new TrialView(trial.id(), trial.shortName(), trial.title(), trial.registryId(), trial.status(),
                trial.protocolVersion(), trial.createdAt(), trial.updatedAt());
    }
}
