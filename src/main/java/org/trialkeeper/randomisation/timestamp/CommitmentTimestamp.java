package org.trialkeeper.randomisation.timestamp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One trial's time-stamp of its commitment: asked for when recruitment opens, settled once. */
@MappedEntity("commitment_timestamp")
record CommitmentTimestamp(@Id Long trialId, String commitment, TimestampState state, int attempts,
                           @Nullable Instant nextAttemptAt, @Nullable String lastError, @Nullable String authority,
                           @Nullable byte[] token, Instant requestedAt, @Nullable Instant settledAt) {

    static CommitmentTimestamp pending(long trialId, String commitment, String authority, Instant now) {
        return new CommitmentTimestamp(trialId, commitment, TimestampState.PENDING, 0, now, null, authority, null, now, null);
    }

    CommitmentTimestamp stamped(byte[] der, String from, Instant now) {
        return new CommitmentTimestamp(trialId, commitment, TimestampState.STAMPED, attempts + 1, null, null, from, der,
                requestedAt, now);
    }

    /** A failed attempt: pending again at {@code next}, or failed for good when there is none. */
    CommitmentTimestamp failed(String reason, String from, @Nullable Instant next, Instant now) {
        return new CommitmentTimestamp(trialId, commitment, next == null ? TimestampState.FAILED : TimestampState.PENDING,
                attempts + 1, next, reason, from, null, requestedAt, next == null ? now : null);
    }
}
