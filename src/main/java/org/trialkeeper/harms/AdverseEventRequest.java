package org.trialkeeper.harms;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An adverse event as a coordinator records or corrects it: the date of onset (ISO), what
 * happened, whether it is serious and by which criteria, severity, relatedness to the
 * intervention and outcome; a correction also needs a reason.
 */
@Serdeable
@Schema(example = "{\"onset\": \"2026-12-01\", \"description\": \"admitted after a fall at work\", \"serious\": true, \"criteria\": [\"hospitalisation\"], \"severity\": \"moderate\", \"relatedness\": \"unlikely\", \"outcome\": \"recovering\"}")
public record AdverseEventRequest(@Nullable String onset, @Nullable String description, @Nullable @Schema(type = "boolean") Object serious,
                                  @Nullable List<String> criteria, @Nullable String severity,
                                  @Nullable String relatedness, @Nullable String outcome, @Nullable String reason) {

    static AdverseEventRequest empty() {
        return new AdverseEventRequest(null, null, null, null, null, null, null, null);
    }
}
