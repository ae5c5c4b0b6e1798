package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
}
