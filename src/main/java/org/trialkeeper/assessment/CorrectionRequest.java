package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

/** New answers for an assessment already entered, and why they replace the old ones. */
@Serdeable
@Schema(example = "{\"responses\": [2, 3, 2, 4, 3, 2, 1, 3, 2, 3, 2, 3, 4, 3, 2, 3, 2, 3, 2, 3, 4, 3, 2, 3, 3], \"reason\": \"item 17 was on the back of the sheet\"}")
public record CorrectionRequest(@Nullable @ArraySchema(items = @Schema(type = "integer", nullable = true)) List<Object> responses, @Nullable String guess, @Nullable String reason) {
}
