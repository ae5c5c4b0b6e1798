package org.trialkeeper.followup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("attendance")
record Attendance(@Id @GeneratedValue Long id, Long trialId, Long participantId, int session, boolean present,
                  @Nullable Long recordedBy, Instant recordedAt) {
}
