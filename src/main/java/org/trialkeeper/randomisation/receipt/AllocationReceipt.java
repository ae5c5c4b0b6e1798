package org.trialkeeper.randomisation.receipt;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A receipt as kept: which allocation, the audit record it names, and its hash. */
@MappedEntity("allocation_receipt")
public record AllocationReceipt(@Id Long allocationId, Long trialId, int number, String version, long chainSeq,
                         String chainHash, String hash) {
}
