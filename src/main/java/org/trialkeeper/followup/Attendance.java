package org.trialkeeper.followup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Presence or absence of one participant at one session of the intervention. */
@MappedEntity("attendance")
record Attendance(@Id @GeneratedValue Long id, Long trialId, Long participantId, int session, boolean present,
                  @Nullable Long recordedBy, Instant recordedAt) {

    static Attendance recorded(long trialId, long participantId, int session, boolean present, Long recordedBy,
                               Instant at) {
        return new Attendance(null, trialId, participantId, session, present, recordedBy, at);
    }

    /** The same session, recorded again the other way. */
    Attendance changedTo(boolean nowPresent, Long changedBy, Instant at) {
        return new Attendance(id, trialId, participantId, session, nowPresent, changedBy, at);
    }
}
