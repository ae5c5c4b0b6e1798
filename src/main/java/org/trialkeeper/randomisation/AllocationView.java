package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.receipt.ReceiptView;

import java.time.Instant;

/**
 * A participant's allocation, shown to whoever randomised them and to the roles that may see it,
 * with its receipt when it was made since receipts were introduced.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocationView(int number, long participantId, String participantCode, String arm, String armLabel,
                             Instant allocatedAt, String inErrorReason, ReceiptView receipt) {

    /** The allocation with its arm's label from the protocol. */
    static AllocationView of(Protocol protocol, Allocation allocation, String participantCode) {
        String label = protocol.arms().stream().filter(a -> a.code().equals(allocation.arm()))
                .map(Arm::label).findFirst().orElse(allocation.arm());
        return new AllocationView(allocation.number(), allocation.participantId(), participantCode, allocation.arm(),
                label, allocation.allocatedAt(), allocation.inErrorReason(), null);
    }

    /** The allocation with its receipt, when it has one. */
    AllocationView withReceipt(ReceiptView receipt) {
        return new AllocationView(number, participantId, participantCode, arm, armLabel, allocatedAt, inErrorReason,
                receipt);
    }
}
