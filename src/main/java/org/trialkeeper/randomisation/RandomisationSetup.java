package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.SequenceStream;

import java.time.Instant;

/** Written once, when recruitment opens, and never changed. */
@MappedEntity("randomisation_setup")
record RandomisationSetup(@Id Long trialId, Scheme scheme, int protocolVersion, String encryptedSeed, String commitment,
                          Instant committedAt, SequenceStream stream) {
}
