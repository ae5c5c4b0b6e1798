package org.trialkeeper.unblinding;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("unblinding")
record Unblinding(@Id @GeneratedValue Long id, Long trialId, Long participantId, Long userId, String role,
                  String reason, Instant unblindedAt) {
}
