package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The intervention's schedule. A participant absent from {@code absencesExcludingPerProtocol}
 * or more sessions is excluded from the per-protocol analysis.
 */
@Serdeable
public record Intervention(String name, int sessions, int sessionMinutes, int sessionsPerWeek,
                           Delivery delivery, int absencesExcludingPerProtocol) {
}
