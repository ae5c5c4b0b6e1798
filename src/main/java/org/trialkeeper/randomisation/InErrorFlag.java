package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(example = "{\"reason\": \"randomised before consent was signed\"}")
record InErrorFlag(@Nullable String reason) {
}
