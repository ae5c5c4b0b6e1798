package org.trialkeeper.followup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** Something that happened to a participant after randomisation, on a date, for a reason. */
@MappedEntity("follow_up_event")
record FollowUpEvent(@Id @GeneratedValue Long id, Long trialId, Long participantId, EventKind kind, LocalDate occurredOn,
                     String reason, @Nullable String timepoint, @Nullable Boolean keepData, @Nullable Long recordedBy,
                     Instant recordedAt) {

    static FollowUpEvent recorded(long trialId, long participantId, EventCheck.Checked event, Long recordedBy,
                                  Instant at) {
        return new FollowUpEvent(null, trialId, participantId, event.kind(), event.date(), event.reason(),
                event.timepoint(), event.keepData(), recordedBy, at);
    }
}
