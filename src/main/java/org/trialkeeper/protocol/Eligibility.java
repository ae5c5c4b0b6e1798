package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record Eligibility(List<Criterion> inclusion, List<Criterion> exclusion) {
}
