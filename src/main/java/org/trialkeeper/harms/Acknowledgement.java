package org.trialkeeper.harms;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A notified member's word that they have read one revision of a serious adverse event. */
@MappedEntity("adverse_event_acknowledgement")
record Acknowledgement(@Id @GeneratedValue Long id, Long adverseEventId, int revision, Long userId, String role,
                       Instant acknowledgedAt) {
}
