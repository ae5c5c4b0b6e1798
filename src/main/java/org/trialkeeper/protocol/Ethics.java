package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/** The approving ethics committee and its approval code. */
@Serdeable
public record Ethics(String committee, String code) {
}
