package org.trialkeeper.randomisation.receipt;

import org.trialkeeper.randomisation.scheme.Commitment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What an allocation's receipt binds, and its hash: the SHA-256 of one line per field (see
 * src/verifier/SPECIFICATION.md, section 12). The audit record is the one written for this
 * allocation in the trial's chain, {@code trial-<trialId>}: its number there and its MAC. The arm
 * is not a field, so a receipt alone tells nothing of it; the allocation's MAC, which covers the
 * arm under a key that never leaves the service, ties the receipt to what was allocated.
 *
 * @param mac the allocation's MAC, null for an allocation made before allocations were sealed
 */
public record Receipt(long trialId, int number, String participantCode, Instant time, String commitment,
                      long chainSeq, String chainHash, String mac) {

    public static final String VERSION = "trialkeeper-receipt-1";

    /** The hashed text, every line ended by a line feed. */
    public String text() {
        return VERSION + '\n'
                + "trial=" + trialId + '\n'
                + "number=" + number + '\n'
                + "participant=" + participantCode + '\n'
                + "time=" + micros(time) + '\n'
                + "commitment=" + commitment + '\n'
                + "chain-seq=" + chainSeq + '\n'
                + "chain-hash=" + chainHash + '\n'
                + "mac=" + (mac == null ? "" : mac) + '\n';
    }

    /** 64 lower-case hexadecimal digits. */
    public String hash() {
        return Commitment.sha256(text());
    }

    /** Whole microseconds since 1970-01-01T00:00:00Z, what the allocation's time is stored to. */
    static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }
}
