package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Whether a participant is excluded from the per-protocol analysis, why, and whether a
 * coordinator's decision overrides the attendance rule.
 */
@Serdeable
public record PerProtocol(boolean excluded, @Nullable String reason, boolean overridden) {
}
