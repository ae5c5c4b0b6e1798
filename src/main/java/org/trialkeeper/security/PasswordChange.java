package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(example = "{\"currentPassword\": \"one-time-password-1\", \"newPassword\": \"a-long-passphrase-1\"}")
public record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
}
