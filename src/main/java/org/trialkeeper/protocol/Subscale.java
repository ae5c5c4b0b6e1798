package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record Subscale(String id, String name, List<Integer> items) {
}
