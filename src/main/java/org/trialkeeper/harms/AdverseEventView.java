package org.trialkeeper.harms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An adverse event as coordinators and administrators read it: everything recorded, relatedness too. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdverseEventView(long id, long participantId, String participantCode, LocalDate onset, String description,
                               boolean serious, List<String> criteria, String severity, String relatedness,
                               String outcome, Instant recordedAt, Instant correctedAt, int revision) {

    static AdverseEventView of(AdverseEvent event, String participantCode) {
        return new AdverseEventView(event.id(), event.participantId(), participantCode, event.onset(),
                event.description(), event.serious(), event.criteriaCodes(), event.severity().code(),
                event.relatedness().code(), event.outcome().code(), event.recordedAt(), event.correctedAt(),
                event.revision());
    }
}
