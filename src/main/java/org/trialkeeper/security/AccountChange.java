package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** What an administrator changes of another account: one request record per change. */
public final class AccountChange {

    private AccountChange() {
    }

    /** Disable ({@code false}) or re-enable ({@code true}) an account. */
    @Serdeable
    @Schema(example = "{\"active\": false}")
    public record Active(@Nullable @Schema(type = "boolean") Object active) {
    }

    /** Grant ({@code true}) or remove ({@code false}) administration. */
    @Serdeable
    @Schema(example = "{\"admin\": true}")
    public record Admin(@Nullable @Schema(type = "boolean") Object admin) {
    }

    /** A one-time password the user must replace at the next sign-in. */
    @Serdeable
    @Schema(example = "{\"password\": \"one-time-password-2\"}")
    public record OneTimePassword(@Nullable String password) {
    }
}
