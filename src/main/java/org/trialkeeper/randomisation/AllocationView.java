package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A participant's allocation, shown to whoever randomised them and to the roles that may see it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocationView(int number, long participantId, String participantCode, String arm, String armLabel,
                             Instant allocatedAt, String inErrorReason) {
}
