package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

/** New answers for an assessment already entered, and why they replace the old ones. */
@Serdeable
public record CorrectionRequest(@Nullable @ArraySchema(items = @Schema(type = "integer", nullable = true)) List<Object> responses, @Nullable String guess, @Nullable String reason) {
}
