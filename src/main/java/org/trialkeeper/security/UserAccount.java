package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("app_user")
record UserAccount(@Id @GeneratedValue Long id, String username, String passwordHash, boolean admin,
                   boolean active, boolean mustChangePassword, int failedLogins,
                   @Nullable Instant lastFailedLoginAt, Instant createdAt, Instant updatedAt) {

    /** A new, active account with no failed logins; a one-time password must be changed at first login. */
    static UserAccount created(String username, String passwordHash, boolean admin, boolean oneTimePassword,
                               Instant at) {
        return new UserAccount(null, username, passwordHash, admin, true, oneTimePassword, 0, null, at, at);
    }

    UserAccount withPassword(String hash, boolean oneTime, Instant at) {
        return new UserAccount(id, username, hash, admin, active, oneTime, 0, null, createdAt, at);
    }

    UserAccount withFailedLogin(Instant at) {
        return new UserAccount(id, username, passwordHash, admin, active, mustChangePassword, failedLogins + 1,
                at, createdAt, at);
    }

    UserAccount withSuccessfulLogin(Instant at) {
        return new UserAccount(id, username, passwordHash, admin, active, mustChangePassword, 0, null,
                createdAt, failedLogins == 0 ? updatedAt : at);
    }
}
