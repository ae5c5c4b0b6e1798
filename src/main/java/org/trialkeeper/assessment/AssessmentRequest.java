package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

/**
 * One instrument at one timepoint: an answer for every item in item order, null for an
 * unanswered item, and optionally the assessor's guess of the arm.
 */
@Serdeable
public record AssessmentRequest(@Nullable String instrument, @Nullable String timepoint,
                                @Nullable @ArraySchema(items = @Schema(type = "integer", nullable = true)) List<Object> responses, @Nullable String guess) {
}
