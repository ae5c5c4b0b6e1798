package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("trial")
record Trial(@Id @GeneratedValue Long id, String shortName, String title, @Nullable String registryId,
             TrialStatus status, int protocolVersion, Instant createdAt, Instant updatedAt) {

    /** A trial just registered from its first protocol version: a DRAFT. */
    static Trial registered(String shortName, String title, String registryId, Instant at) {
        return new Trial(null, shortName, title, registryId, TrialStatus.DRAFT, 1, at, at);
    }

    Trial withStatus(TrialStatus next, Instant at) {
        return new Trial(id, shortName, title, registryId, next, protocolVersion, createdAt, at);
    }

    Trial withProtocol(int version, String newTitle, String newRegistryId, Instant at) {
        return new Trial(id, shortName, newTitle, newRegistryId, status, version, createdAt, at);
    }
}
