package org.trialkeeper.randomisation.timestamp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import io.micronaut.core.annotation.Nullable;

/**
 * What verification found of the commitment's time-stamp: its state, and for a stored token
 * whether its imprint is the commitment, its signature verifies against the certificate it
 * carries and its time is before the first allocation ({@code problems} empty when all hold).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimestampCheck(String state, boolean tokenChecked, @Nullable Instant genTime, List<String> problems) {
}
