package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An admin's request for a new account; the password given is one-time. */
@Serdeable
public record NewUser(@Nullable String username, @Nullable String password, @Nullable Object admin) {
}
