package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record Site(String code, String name) {
}
