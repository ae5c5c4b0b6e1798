package org.trialkeeper.randomisation.receipt;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ReceiptTest {

    private static final String COMMITMENT = "dc4d7cd860f174c5f6b1c855d49bd9db1989f865341b5f1fa4700ef39bbddedd";
    private static final Instant TIME = Instant.parse("2026-03-01T09:30:15.123456Z");

    private static Receipt receipt(String code, Instant time, long seq, String mac) {
        return new Receipt(7, 3, code, time, COMMITMENT, seq, "ab".repeat(32), mac);
    }

    @Test
    void theTextIsOneLinePerFieldEachEndedByALineFeed() {
        Receipt receipt = receipt("N-103", TIME, 42, "cd".repeat(32));
        assertEquals("trialkeeper-receipt-1\ntrial=7\nnumber=3\nparticipant=N-103\ntime=1772357415123456\n"
                + "commitment=" + COMMITMENT + "\nchain-seq=42\nchain-hash=" + "ab".repeat(32) + "\nmac="
                + "cd".repeat(32) + "\n", receipt.text());
    }

    @Test
    void anAllocationWithoutAMacHasAnEmptyMacLine() {
        Receipt receipt = receipt("N-103", TIME, 42, null);
        assertEquals("8dd8133e6e8b8a9a81b45b0d917efe3d54a0a49f4f22a982de5157ec5c519885", receipt.hash());
    }

    @Test
    void theTimeIsWrittenInWholeMicrosecondsSinceTheEpoch() {
        assertEquals(receipt("N-103", TIME, 42, null).text(),
                receipt("N-103", TIME.plusNanos(999), 42, null).text());
        assertEquals(-1, Receipt.micros(Instant.parse("1969-12-31T23:59:59.999999Z")));
    }

    @Test
    void eachBoundFieldChangesTheHashAndNoneIsTheArm() {
        Receipt kept = receipt("N-103", TIME, 42, "cd".repeat(32));
        for (Receipt other : List.of(receipt("N-104", TIME, 42, "cd".repeat(32)),
                receipt("N-103", TIME.plusNanos(1_000), 42, "cd".repeat(32)),
                receipt("N-103", TIME, 43, "cd".repeat(32)),
                receipt("N-103", TIME, 42, "ce".repeat(32)))) {
            assertNotEquals(kept.hash(), other.hash(), other.text());
        }
        assertFalse(kept.text().contains("arm"), kept.text());
    }
}
