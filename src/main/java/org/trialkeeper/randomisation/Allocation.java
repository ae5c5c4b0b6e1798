package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A participant's arm, fixed for good; only the randomised-in-error flag is ever added later. */
@MappedEntity("allocation")
record Allocation(@Id @GeneratedValue Long id, Long trialId, Long participantId, int number, String stratum,
                  int position, String factorLevels, String arm, String idempotencyKey, @Nullable Long allocatedBy,
                  Instant allocatedAt, @Nullable String inErrorReason, @Nullable Instant inErrorAt) {

    Allocation flaggedInError(String reason, Instant at) {
        return new Allocation(id, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, allocatedBy, allocatedAt, reason, at);
    }
}
