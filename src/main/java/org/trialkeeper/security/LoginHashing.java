package org.trialkeeper.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The password checks of logins, at most one per core at once by default: bcrypt takes a core
 * for a quarter of a second or more, and logins without a bound would starve every other
 * request of the processor. A login that gets no turn within the wait is answered 503
 * {@code login-busy} with {@code Retry-After}; other requests are not affected.
 */
@Singleton
class LoginHashing {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final Semaphore turns;
    private final int concurrent;
    private final Duration wait;
    private final AtomicLong checks = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    LoginHashing(PasswordHasher hasher,
                 @Value("${trialkeeper.login.concurrent-hashes:0}") int concurrentHashes,
                 @Value("${trialkeeper.login.hash-wait:1s}") Duration wait) {
        this.hasher = hasher;
        this.concurrent = concurrentHashes > 0 ? concurrentHashes : Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(concurrent, true);
        this.wait = wait;
    }

    /**
     * Whether the password matches the hash; without a hash (no such account) the same work is
     * done against a hash nobody's password matches, so that both take the same time.
     *
     * @throws ProblemException 503 {@code login-busy} when no turn came within the wait
     */
    boolean matches(String password, @Nullable String hash) {
        return inTurn(() -> hash == null ? hasher.matchNobody(password) : hasher.matches(password, hash));
    }

    /**
     * Work done in one of the turns, once one is free.
     *
     * @throws ProblemException 503 {@code login-busy} when no turn came within the wait
     */
    <T> T inTurn(Supplier<T> work) {
        if (!turn()) {
            throw new ProblemException(ProblemCode.LOGIN_BUSY, "Too many logins at once; try again in a moment")
                    .retryAfter(RETRY_AFTER);
        }
        try {
            checks.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            running.decrementAndGet();
            turns.release();
        }
    }

    /** How many checks may run at once. */
    int concurrent() {
        return concurrent;
    }

    /** How many checks have started since the service did. */
    long checks() {
        return checks.get();
    }

    /** The most checks that ran at once since the service started. */
    int mostAtOnce() {
        return most.get();
    }

    private boolean turn() {
        try {
            return turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
