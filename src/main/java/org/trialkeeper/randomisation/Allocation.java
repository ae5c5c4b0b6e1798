package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.scheme.Strata;

import java.time.Instant;

/**
 * A participant's arm, fixed for good; only the randomised-in-error flag is ever added later.
 * The MAC covers what was allocated (see {@link AllocationMac}), not the flag.
 */
@MappedEntity("allocation")
record Allocation(@Id @GeneratedValue Long id, Long trialId, Long participantId, int number, String stratum,
                  int position, String factorLevels, String arm, String idempotencyKey, @Nullable Long allocatedBy,
                  Instant allocatedAt, @Nullable String inErrorReason, @Nullable Instant inErrorAt,
                  @Nullable String mac) {

    /** The next slot of the participant's stratum, given to allocation {@code number}. */
    static Allocation fromSlot(long trialId, long participantId, int number, String stratum, Slot slot,
                               String idempotencyKey, @Nullable Long allocatedBy, Instant allocatedAt) {
        return new Allocation(null, trialId, participantId, number, stratum, slot.position(), stratum, slot.arm(),
                idempotencyKey, allocatedBy, allocatedAt, null, null, null);
    }

    /** A minimisation decision: the one list is the whole trial, in the order of allocation numbers. */
    static Allocation minimised(long trialId, long participantId, int number, FactorLevels levels, String arm,
                                String idempotencyKey, @Nullable Long allocatedBy, Instant allocatedAt) {
        return new Allocation(null, trialId, participantId, number, Strata.ALL, number, levels.stored(), arm,
                idempotencyKey, allocatedBy, allocatedAt, null, null, null);
    }

    /** Only what the MAC covers, and the MAC: what a read of a whole trial's arms selects. */
    static Allocation macCovered(long trialId, long participantId, int number, String stratum, int position,
                                 String factorLevels, String arm, String idempotencyKey, String mac) {
        return new Allocation(null, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, null, null, null, null, mac);
    }

    /** What minimisation decided here, as the replay of later decisions reads it. */
    MinimisationReplay.Decision decision() {
        return new MinimisationReplay.Decision(FactorLevels.parse(factorLevels), arm);
    }

    Allocation flaggedInError(String reason, Instant at) {
        return new Allocation(id, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, allocatedBy, allocatedAt, reason, at, mac);
    }

    Allocation withId(long id) {
        return new Allocation(id, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, allocatedBy, allocatedAt, inErrorReason, inErrorAt, mac);
    }

    Allocation withMac(String mac) {
        return new Allocation(id, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, allocatedBy, allocatedAt, inErrorReason, inErrorAt, mac);
    }
}
