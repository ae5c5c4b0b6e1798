package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One screened person: a pseudonymous code (never a name), the site, a value for every baseline
 * characteristic, an answer for every eligibility criterion (true when it applies), and consent.
 */
@Serdeable
@Schema(example = "{\"code\": \"N-001\", \"site\": \"RAZI\", \"baseline\": {\"age\": 34, \"sex\": \"female\", \"marital\": \"married\", \"education\": \"bachelor\"}, \"eligibility\": {\"I1\": true, \"I2\": true, \"E1\": false, \"E2\": false}, \"consent\": \"given\"}")
public record ScreeningRequest(@Nullable String code, @Nullable String site, @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> baseline,
                        @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> eligibility, @Nullable String consent) {
}
