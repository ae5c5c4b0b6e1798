package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;

import java.util.Optional;

/**
 * The database's part of a login, each in a short transaction of its own: the account is read
 * before the password is checked and the outcome written after, so that no connection or lock
 * is held while bcrypt runs.
 */
@Singleton
class LoginRecords {

    /** The longest username an account can have: a longer name is nobody's. */
    static final int USERNAME_COLUMN = 64;

    private final UserRepository users;
    private final AuditTrail audit;

    LoginRecords(UserRepository users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    /** The account with that name, read without a lock. */
    @Transactional
    Optional<UserAccount> find(String username) {
        return username.isEmpty() || username.length() > USERNAME_COLUMN ? Optional.empty()
                : users.findByUsername(username);
    }

    /**
     * The sign-in, audited, if the account is still active with the password that was checked;
     * answers the account as it is now.
     */
    @Transactional
    Optional<UserAccount> signedIn(UserAccount checked, String source) {
        Optional<UserAccount> now = users.findById(checked.id())
                .filter(account -> account.active() && account.passwordHash().equals(checked.passwordHash()));
        now.ifPresent(account -> audit.record(AuditEvent.of(actor(account), null, "login", "user", account.id())
                .after(AuditEvent.fields("source", source))));
        return now;
    }

    /** A failed attempt: the name as given (or the account's), the source and why. */
    @Transactional
    void failed(String username, @Nullable UserAccount account, String source, String why) {
        Actor actor = account == null ? Actor.anonymous(truncated(username)) : actor(account);
        audit.record(AuditEvent.of(actor, null, "login.failed", "user", account == null ? null : account.id())
                .after(AuditEvent.fields("source", source)).because(why));
    }

    /**
     * The first refusal of a throttle's delay: later refusals within the same delay are not
     * written, so a flood from a throttled source writes one record per delay, not per request.
     */
    @Transactional
    void throttled(String username, String source, int failures) {
        audit.record(AuditEvent.of(Actor.anonymous(truncated(username)), null, "login.throttled", "user", null)
                .after(AuditEvent.fields("source", source))
                .because(failures + " failed attempts; further attempts refused until the delay has passed"));
    }

    private static Actor actor(UserAccount account) {
        return new Actor(account.id(), account.username(), null);
    }

    private static String truncated(String name) {
        return name.length() > USERNAME_COLUMN ? name.substring(0, USERNAME_COLUMN) : name;
    }
}
