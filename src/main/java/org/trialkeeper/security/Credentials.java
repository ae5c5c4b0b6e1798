package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
@Schema(example = "{\"username\": \"coordinator1\", \"password\": \"a-long-passphrase-1\"}")
record Credentials(@Nullable String username, @Nullable String password) {
}
