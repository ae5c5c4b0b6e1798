package org.trialkeeper.participant;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;

/** A participant as the trial team sees them; it never holds the arm. */
@Serdeable
public record ParticipantView(long id, String code, String site, ParticipantStatus status, List<String> failedCriteria,
                              @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> baseline, Instant screenedAt) {
}
