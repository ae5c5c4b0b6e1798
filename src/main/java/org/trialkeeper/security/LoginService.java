package org.trialkeeper.security;

import org.trialkeeper.access.Actor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a password and records the attempt, successful or not, in the same transaction.
 * After {@code maxFailures} failed attempts an account refuses every login, even with the right
 * password, until {@code lockout} has passed since the last failure.
 */
@Singleton
class LoginService {

    private static final int USERNAME_COLUMN = 64;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    LoginService(UserRepository users, PasswordHasher hasher, AuditTrail audit, Clock clock,
                 @Value("${trialkeeper.login.max-failures:5}") int maxFailures,
                 @Value("${trialkeeper.login.lockout:15m}") Duration lockout) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    sealed interface Outcome {
    }

    record SignedIn(UserAccount account) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record Throttled(Duration retryAfter) implements Outcome {
    }

    @Transactional
    Outcome attempt(String username, String password) {
        Instant now = clock.instant();
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        String secret = password == null ? "" : password;
        Optional<UserAccount> found = name.isEmpty() ? Optional.empty() : users.findByUsernameForUpdate(name);
        if (found.isEmpty()) {
            hasher.matchNobody(secret);
            audit.record(AuditEvent.of(Actor.anonymous(truncate(name)), null, "login.failed", "user", null)
                    .because("unknown username"));
            return new Refused();
        }
        UserAccount account = found.get();
        Actor actor = new Actor(account.id(), account.username(), null);
        Optional<Duration> wait = remainingLockout(account, now);
        if (wait.isPresent()) {
            audit.record(AuditEvent.of(actor, null, "login.throttled", "user", account.id())
                    .because(account.failedLogins() + " failed attempts"));
            return new Throttled(wait.get());
        }
        if (!account.active() || !hasher.matches(secret, account.passwordHash())) {
            users.update(account.withFailedLogin(now));
            audit.record(AuditEvent.of(actor, null, "login.failed", "user", account.id())
                    .because(account.active() ? "wrong password" : "account inactive"));
            return new Refused();
        }
        users.update(account.withSuccessfulLogin(now));
        audit.record(AuditEvent.of(actor, null, "login", "user", account.id()));
        return new SignedIn(account);
    }

    private Optional<Duration> remainingLockout(UserAccount account, Instant now) {
        if (account.failedLogins() < maxFailures || account.lastFailedLoginAt() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, account.lastFailedLoginAt().plus(lockout));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private static String truncate(String name) {
        return name.length() > USERNAME_COLUMN ? name.substring(0, USERNAME_COLUMN) : name;
    }
}
