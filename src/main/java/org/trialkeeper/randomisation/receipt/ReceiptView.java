package org.trialkeeper.randomisation.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An allocation's receipt as the service answers it: everything its hash was taken of but the
 * version's fixed first line, and the hash the service keeps. Keep it: {@code POST
 * .../randomisation/receipts/check} says later whether the service still holds the same.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptView(String version, long trialId, int number, String participantCode, Instant time,
                          String commitment, long chainSeq, String chainHash, String mac, String hash) {

    /** The receipt's fields with the hash held for it. */
    public static ReceiptView of(Receipt receipt, String version, String hash) {
        return new ReceiptView(version, receipt.trialId(), receipt.number(), receipt.participantCode(),
                receipt.time(), receipt.commitment(), receipt.chainSeq(), receipt.chainHash(), receipt.mac(), hash);
    }
}
