package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.trialkeeper.randomisation.scheme.Slot;

/** One stored place of a stratum's list, written when recruitment opens and never changed. */
@MappedEntity("allocation_slot")
record AllocationSlot(@Id @GeneratedValue Long id, Long trialId, String stratum, int position, String arm, int block,
                      int blockSize) {

    static AllocationSlot of(long trialId, String stratum, Slot slot) {
        return new AllocationSlot(null, trialId, stratum, slot.position(), slot.arm(), slot.block(), slot.blockSize());
    }

    Slot slot() {
        return new Slot(position, arm, block, blockSize);
    }
}
