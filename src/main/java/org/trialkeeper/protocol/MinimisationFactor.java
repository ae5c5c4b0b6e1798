package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record MinimisationFactor(String factor, double weight) {
}
