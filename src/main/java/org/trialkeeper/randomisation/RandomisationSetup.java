package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.trialkeeper.protocol.Scheme;

import java.time.Instant;

@MappedEntity("randomisation_setup")
record RandomisationSetup(@Id Long trialId, Scheme scheme, int protocolVersion, String encryptedSeed, String commitment, int allocations,
                          Instant committedAt) {

    RandomisationSetup withAllocations(int count) {
        return new RandomisationSetup(trialId, scheme, protocolVersion, encryptedSeed, commitment, count, committedAt);
    }
}
