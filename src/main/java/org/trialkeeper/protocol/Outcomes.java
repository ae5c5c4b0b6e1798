package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record Outcomes(List<Outcome> primary, List<Outcome> secondary) {
}
