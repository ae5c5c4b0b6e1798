package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A user's account. {@code sessionVersion} is carried in every token signed for the user: a
 * token of an older version is refused, so raising it ends every session of the user at once.
 */
@MappedEntity("app_user")
record UserAccount(@Id @GeneratedValue Long id, String username, String passwordHash, boolean admin,
                   boolean active, boolean mustChangePassword, int failedLogins,
                   @Nullable Instant lastFailedLoginAt, Instant createdAt, Instant updatedAt, int sessionVersion) {

    /** A new, active account with no failed logins; a one-time password must be changed at first login. */
    static UserAccount created(String username, String passwordHash, boolean admin, boolean oneTimePassword,
                               Instant at) {
        return new UserAccount(null, username, passwordHash, admin, true, oneTimePassword, 0, null, at, at, 0);
    }

    /** A new password ends the sessions signed in with the old one. */
    UserAccount withPassword(String hash, boolean oneTime, Instant at) {
        return new UserAccount(id, username, hash, admin, active, oneTime, 0, null, createdAt, at, sessionVersion + 1);
    }

    UserAccount withFailedLogin(Instant at) {
        return new UserAccount(id, username, passwordHash, admin, active, mustChangePassword, failedLogins + 1,
                at, createdAt, at, sessionVersion);
    }

    UserAccount withSuccessfulLogin(Instant at) {
        return new UserAccount(id, username, passwordHash, admin, active, mustChangePassword, 0, null,
                createdAt, failedLogins == 0 ? updatedAt : at, sessionVersion);
    }

    /** Every session of the user ends: signed out everywhere. */
    UserAccount signedOut(Instant at) {
        return new UserAccount(id, username, passwordHash, admin, active, mustChangePassword, failedLogins,
                lastFailedLoginAt, createdAt, at, sessionVersion + 1);
    }

    /** Disabling ends the user's sessions; enabling starts none. */
    UserAccount withActive(boolean nowActive, Instant at) {
        return new UserAccount(id, username, passwordHash, admin, nowActive, mustChangePassword, failedLogins,
                lastFailedLoginAt, createdAt, at, nowActive ? sessionVersion : sessionVersion + 1);
    }

    /** Removing administration ends the sessions that were signed in with it. */
    UserAccount withAdmin(boolean nowAdmin, Instant at) {
        return new UserAccount(id, username, passwordHash, nowAdmin, active, mustChangePassword, failedLogins,
                lastFailedLoginAt, createdAt, at, nowAdmin ? sessionVersion : sessionVersion + 1);
    }
}
