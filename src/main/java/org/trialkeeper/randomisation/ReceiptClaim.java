package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.randomisation.receipt.Receipt;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A receipt a coordinator kept, sent back to be checked: as the allocation answer gave it. The
 * version, the number and the hash are required; each other field is compared when given.
 */
@Serdeable
@Schema(example = "{\"version\": \"trialkeeper-receipt-1\", \"trialId\": 1, \"number\": 1, \"participantCode\": \"N-001\", \"time\": \"2026-12-05T21:33:47.532002Z\", \"commitment\": \"d9596e61...\", \"chainSeq\": 7, \"chainHash\": \"5dd6c3cf...\", \"mac\": \"5cd25f14...\", \"hash\": \"73809c16...\"}")
record ReceiptClaim(@Nullable String version, @Nullable Long trialId, @Nullable Integer number,
                    @Nullable String participantCode, @Nullable String time, @Nullable String commitment,
                    @Nullable Long chainSeq, @Nullable String chainHash, @Nullable String mac,
                    @Nullable String hash) {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    /** The claim, once its fields are well formed; otherwise a problem naming each field and rule. */
    ReceiptClaim wellFormed() {
        List<Violation> violations = new ArrayList<>();
        if (version == null) {
            violations.add(new Violation("version", "required", "is required: " + Receipt.VERSION));
        } else if (!Receipt.VERSION.equals(version)) {
            violations.add(new Violation("version", "one-of", "must be " + Receipt.VERSION));
        }
        if (number == null) {
            violations.add(new Violation("number", "required", "is required: the allocation's number"));
        } else if (number < 1) {
            violations.add(new Violation("number", "range", "must be 1 or more"));
        }
        if (hash == null) {
            violations.add(new Violation("hash", "required", "is required: 64 lower-case hexadecimal digits"));
        }
        hex("hash", hash, violations);
        hex("commitment", commitment, violations);
        hex("chainHash", chainHash, violations);
        hex("mac", mac, violations);
        if (chainSeq != null && chainSeq < 1) {
            violations.add(new Violation("chainSeq", "range", "must be 1 or more"));
        }
        if (time != null && instant() == null) {
            violations.add(new Violation("time", "format", "must be an ISO-8601 instant in UTC, as the receipt gave it"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return this;
    }

    @Nullable
    Instant instant() {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void hex(String field, String value, List<Violation> violations) {
        if (value != null && !HEX_64.matcher(value).matches()) {
            violations.add(new Violation(field, "pattern", "must be 64 lower-case hexadecimal digits"));
        }
    }
}
