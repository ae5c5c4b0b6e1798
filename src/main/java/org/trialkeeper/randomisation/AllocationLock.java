package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.trialkeeper.trial.TrialStatus;

/** The row whose lock a trial's allocations are decided under; made when recruitment opens. */
@MappedEntity("allocation_lock")
record AllocationLock(@Id Long trialId) {

    /**
     * The lock, held, with what a batch needs to know under it: whether the trial still recruits,
     * and the last allocation number used (numbers are handed out without gaps, so the highest).
     */
    @Introspected
    record Held(Long trialId, TrialStatus status, int lastNumber) {
    }
}
