package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.trialkeeper.randomisation.scheme.Slot;

/** One place of a list stored in clear by a trial that opened recruitment before lists were no longer stored. */
@MappedEntity("allocation_slot")
record AllocationSlot(@Id @GeneratedValue Long id, Long trialId, String stratum, int position, String arm, int block,
                      int blockSize) {

    Slot slot() {
        return new Slot(position, arm, block, blockSize);
    }
}
