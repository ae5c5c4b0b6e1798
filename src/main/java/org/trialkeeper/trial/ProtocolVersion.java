package org.trialkeeper.trial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One version of a trial's protocol: the document as submitted and its validated form. */
@MappedEntity("protocol_version")
record ProtocolVersion(@Id @GeneratedValue Long id, Long trialId, int version, String source,
                       String sourceType, String canonicalJson, String sha256, @Nullable String reason,
                       Instant createdAt) {
}
