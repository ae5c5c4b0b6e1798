package org.trialkeeper.unblinding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
record UnblindingRequest(@Nullable String reason, @Nullable String password) {
}
