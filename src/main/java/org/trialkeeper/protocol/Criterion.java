package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record Criterion(String id, String text) {
}
