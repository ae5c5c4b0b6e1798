package org.trialkeeper.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a password without holding a connection or a lock while bcrypt runs: the throttle
 * decides first, from memory alone; then the account is read in a short transaction, the
 * password checked (at most a few at once), and the outcome written in another. An unknown
 * name takes the same path as a known one: the same work, the same answer, the same throttle.
 */
@Singleton
class LoginService {

    private final LoginRecords records;
    private final LoginHashing hashing;
    private final LoginThrottle throttle;
    private final Clock clock;

    LoginService(LoginRecords records, LoginHashing hashing, Clock clock,
                 @Value("${trialkeeper.login.source-free-failures:20}") int sourceFreeFailures,
                 @Value("${trialkeeper.login.account-free-failures:5}") int accountFreeFailures,
                 @Value("${trialkeeper.login.first-delay:1s}") Duration firstDelay,
                 @Value("${trialkeeper.login.max-delay:5m}") Duration maxDelay,
                 @Value("${trialkeeper.login.window:1h}") Duration window,
                 @Value("${trialkeeper.login.max-entries:10000}") int maxEntries,
                 @Value("${trialkeeper.login.source-in-flight:2}") int sourceInFlight) {
        this.records = records;
        this.hashing = hashing;
        this.clock = clock;
        this.throttle = new LoginThrottle(new LoginThrottle.Rules(sourceFreeFailures, accountFreeFailures,
                firstDelay, maxDelay.compareTo(window) < 0 ? maxDelay : window, window, maxEntries, sourceInFlight));
    }

    sealed interface Outcome {
    }

    record SignedIn(UserAccount account) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record Throttled(Duration retryAfter) implements Outcome {
    }

    /**
     * @throws org.trialkeeper.problem.ProblemException 503 {@code login-busy} when no password
     *                                                  check could start in time
     */
    Outcome attempt(String username, String password, String source) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        String secret = password == null ? "" : password;
        String key = name.length() > LoginRecords.USERNAME_COLUMN ? name.substring(0, LoginRecords.USERNAME_COLUMN) : name;
        LoginThrottle.Decision decision = throttle.admit(key, source, clock.instant());
        Optional<LoginThrottle.Refusal> refusal = decision.refused();
        if (refusal.isPresent()) {
            if (refusal.get().firstOfWindow()) {
                records.throttled(name, source, refusal.get().failures());
            }
            return new Throttled(refusal.get().retryAfter());
        }
        LoginThrottle.Admission admission = decision.admission();
        try {
            return checked(name, secret, source, admission);
        } finally {
            admission.withdrawn();
        }
    }

    /** The throttle is settled as soon as the password is checked, before anything is written. */
    private Outcome checked(String name, String secret, String source, LoginThrottle.Admission admission) {
        Optional<UserAccount> found = records.find(name);
        boolean matches = hashing.matches(secret, found.map(UserAccount::passwordHash).orElse(null),
                admission.clean());
        UserAccount account = found.orElse(null);
        if (account == null || !account.active() || !matches) {
            admission.failed();
            records.failed(name, account, source,
                    account == null ? "unknown username" : account.active() ? "wrong password" : "account inactive");
            return new Refused();
        }
        admission.succeeded();
        Optional<UserAccount> signedIn = records.signedIn(account, source);
        if (signedIn.isEmpty()) {
            records.failed(name, account, source, "account changed during sign-in");
            return new Refused();
        }
        return new SignedIn(signedIn.get());
    }

    /** How many keys the throttle holds: a figure for tests and benchmarks. */
    int throttledKeys() {
        return throttle.size();
    }
}
