package org.trialkeeper.harms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A serious adverse event as the roles the protocol notifies read it, blinded or not. It has no
 * arm and no relatedness: the coordinator judges relatedness knowing the arm, and a control
 * participant's events are nearly always "not related".
 *
 * @param acknowledgedByYou whether the reader acknowledged this revision
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriousEventNotice(long id, long participantId, String participantCode, LocalDate onset,
                                 String description, List<String> criteria, String severity, String outcome,
                                 Instant recordedAt, Instant correctedAt, int revision, boolean acknowledgedByYou,
                                 List<Acknowledged> acknowledgements) {

    /** Who acknowledged which revision, in which role, when. */
    @Serdeable
    public record Acknowledged(long userId, String role, int revision, Instant at) {
    }

    static SeriousEventNotice of(AdverseEvent event, String participantCode, long readerId,
                                 List<Acknowledgement> acknowledgements) {
        boolean byReader = acknowledgements.stream()
                .anyMatch(a -> a.userId() == readerId && a.revision() == event.revision());
        return new SeriousEventNotice(event.id(), event.participantId(), participantCode, event.onset(),
                event.description(), event.criteriaCodes(), event.severity().code(), event.outcome().code(),
                event.recordedAt(), event.correctedAt(), event.revision(), byReader, acknowledgements.stream()
                .map(a -> new Acknowledged(a.userId(), a.role(), a.revision(), a.acknowledgedAt())).toList());
    }
}
