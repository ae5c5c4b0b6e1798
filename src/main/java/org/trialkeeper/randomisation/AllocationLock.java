package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The row whose lock a trial's allocations are decided under; made when recruitment opens. */
@MappedEntity("allocation_lock")
record AllocationLock(@Id Long trialId) {
}
