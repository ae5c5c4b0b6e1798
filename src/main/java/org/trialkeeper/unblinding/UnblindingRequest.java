package org.trialkeeper.unblinding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(example = "{\"reason\": \"severe reaction: treating physician needs the arm\", \"password\": \"your-own-password\"}")
record UnblindingRequest(@Nullable String reason, @Nullable String password) {
}
