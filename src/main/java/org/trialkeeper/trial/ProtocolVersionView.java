package org.trialkeeper.trial;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProtocolVersionView(int version, String sha256, String sourceType, String reason, Instant createdAt) {

    static ProtocolVersionView of(ProtocolVersion version) {
        return new ProtocolVersionView(version.version(), version.sha256(), version.sourceType(),
                version.reason(), version.createdAt());
    }
}
