package org.trialkeeper.randomisation.timestamp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A commitment's RFC 3161 time-stamp as the commitment and the sequence export show it: its
 * state, and once stamped what the token says and the token itself (DER, base64). Gen time,
 * authority, serial number and policy are read from the token, never stored beside it.
 *
 * @param state     {@code none} (no authority was configured when recruitment opened), {@code pending},
 *                  {@code stamped} or {@code failed}
 * @param imprint   what the token stamps
 * @param lastError why the last attempt failed, while pending or once failed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimestampView(String state, String detail, String imprint, String authorityUrl, Integer attempts,
                            String lastError, Instant nextAttemptAt, Instant genTime, String authority,
                            String serialNumber, String policy, String token) {

    static final String IMPRINT = "SHA-256 message imprint whose hashed message is the commitment's 32 bytes"
            + " (the bytes its 64 hex digits spell, the SHA-256 of the committed text)";

    static TimestampView none() {
        return new TimestampView("none", "no time-stamping authority was configured when this trial opened recruitment",
                null, null, null, null, null, null, null, null, null, null);
    }
}
