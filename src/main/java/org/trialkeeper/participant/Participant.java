package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("participant")
record Participant(@Id @GeneratedValue Long id, Long trialId, String code, String site, String baselineJson,
                   String eligibilityJson, String failedCriteria, Consent consent, ParticipantStatus status,
                   @Nullable Long screenedBy, Instant screenedAt, Instant updatedAt, boolean perProtocolExcluded,
                   @Nullable String perProtocolReason, boolean perProtocolOverridden, boolean keepData) {
}
