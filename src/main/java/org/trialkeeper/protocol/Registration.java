package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/** An entry in a trial registry, e.g. IRCT / IRCT20230211057383N1. */
@Serdeable
public record Registration(String registry, String id) {
}
