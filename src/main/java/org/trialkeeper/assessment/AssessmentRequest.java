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
@Schema(example = "{\"instrument\": \"CDRISC\", \"timepoint\": \"post\", \"responses\": [2, 3, 2, 4, 3, 2, 1, 3, 2, 3, 2, 3, 4, 3, 2, 3, null, 3, 2, 3, 4, 3, 2, 3, 3], \"guess\": \"dont-know\"}")
public record AssessmentRequest(@Nullable String instrument, @Nullable String timepoint,
                                @Nullable @ArraySchema(items = @Schema(type = "integer", nullable = true)) List<Object> responses, @Nullable String guess) {
}
