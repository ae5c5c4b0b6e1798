package org.trialkeeper.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

/** An assessment as entered, with the scores the service computed; it never holds the arm. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentView(long id, long participantId, String participantCode, String instrument, String timepoint,
                             @ArraySchema(items = @Schema(type = "integer", nullable = true)) List<Integer> responses, Scoring.Score total, Map<String, Scoring.Score> subscales,
                             String guess, Instant enteredAt, Instant correctedAt, int version) {
}
