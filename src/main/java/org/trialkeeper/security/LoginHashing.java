package org.trialkeeper.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The password checks of logins, by default at most half the cores at once (at least one):
 * bcrypt takes a core for a quarter of a second or more, and logins without a bound would
 * starve every other request of the processor. A login that gets no turn within the wait is
 * answered 503 {@code login-busy} with {@code Retry-After}; other requests are not affected.
 * Attempts from sources without a recent failure take their turn before the others, so that
 * people signing in get through while guesses from elsewhere queue.
 */
@Singleton
class LoginHashing {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turnFreed = lock.newCondition();
    private int freeTurns;
    private int cleanWaiting;
    private int waiting;
    private final int concurrent;
    private final Duration wait;
    private final AtomicLong checks = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    LoginHashing(PasswordHasher hasher,
                 @Value("${trialkeeper.login.concurrent-hashes:0}") int concurrentHashes,
                 @Value("${trialkeeper.login.hash-wait:1s}") Duration wait) {
        this.hasher = hasher;
        this.concurrent = concurrentHashes > 0 ? concurrentHashes
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.freeTurns = concurrent;
        this.wait = wait;
    }

    /**
     * Whether the password matches the hash; without a hash (no such account) the same work is
     * done against a hash nobody's password matches, so that both take the same time.
     *
     * @throws ProblemException 503 {@code login-busy} when no turn came within the wait
     */
    boolean matches(String password, @Nullable String hash, boolean clean) {
        return inTurn(clean, () -> hash == null ? hasher.matchNobody(password) : hasher.matches(password, hash));
    }

    /**
     * Work done in one of the turns, once one is free.
     *
     * @throws ProblemException 503 {@code login-busy} when no turn came within the wait
     */
    <T> T inTurn(boolean clean, Supplier<T> work) {
        if (!turn(clean)) {
            throw new ProblemException(ProblemCode.LOGIN_BUSY, "Too many logins at once; try again in a moment")
                    .retryAfter(RETRY_AFTER);
        }
        try {
            checks.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            running.decrementAndGet();
            release();
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

    /** How many attempts wait for a turn now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** The most checks that ran at once since the service started. */
    int mostAtOnce() {
        return most.get();
    }

    /** A free turn, taken within the wait; an attempt that is not clean waits while a clean one does. */
    private boolean turn(boolean clean) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            cleanWaiting += clean ? 1 : 0;
            waiting++;
            while (freeTurns == 0 || !clean && cleanWaiting > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                turnFreed.awaitNanos(left);
            }
            freeTurns--;
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting--;
            if (clean) {
                cleanWaiting--;
                turnFreed.signalAll();
            }
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            freeTurns++;
            turnFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
