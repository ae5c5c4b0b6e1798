package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What an administrator changes of another account: one request record per change. */
public final class AccountChange {

    private AccountChange() {
    }

    /** Disable ({@code false}) or re-enable ({@code true}) an account. */
    @Serdeable
    public record Active(@Nullable Object active) {
    }

    /** Grant ({@code true}) or remove ({@code false}) administration. */
    @Serdeable
    public record Admin(@Nullable Object admin) {
    }

    /** A one-time password the user must replace at the next sign-in. */
    @Serdeable
    public record OneTimePassword(@Nullable String password) {
    }
}
