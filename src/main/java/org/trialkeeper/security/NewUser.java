package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** An admin's request for a new account; the password given is one-time. */
@Serdeable
@Schema(example = "{\"username\": \"coordinator1\", \"password\": \"one-time-password-1\", \"admin\": false}")
public record NewUser(@Nullable String username, @Nullable String password, @Nullable @Schema(type = "boolean") Object admin) {
}
