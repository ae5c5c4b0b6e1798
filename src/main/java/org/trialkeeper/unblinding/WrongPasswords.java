package org.trialkeeper.unblinding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wrong passwords each user entered to unblind, within a window. From the {@code free}-th
 * failure on, the next attempt waits {@code firstDelay} after the last failure, twice as long
 * after each further one, never longer than {@code maxDelay}; failures older than the window
 * are forgotten. Nobody is ever locked out for good: a patient may need the answer.
 */
final class WrongPasswords {

    private final int free;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration window;
    private final Map<Long, Deque<Instant>> failures = new HashMap<>();

    WrongPasswords(int free, Duration firstDelay, Duration maxDelay, Duration window) {
        this.free = free;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.window = window;
    }

    /** How long the user must wait before the next attempt, if at all. */
    synchronized Optional<Duration> wait(long userId, Instant now) {
        Deque<Instant> recent = recent(userId, now);
        if (recent.size() < free) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, recent.getLast().plus(delay(recent.size())));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    synchronized void failed(long userId, Instant now) {
        recent(userId, now).addLast(now);
    }

    synchronized void succeeded(long userId) {
        failures.remove(userId);
    }

    private Duration delay(int failed) {
        int doublings = Math.min(failed - free, 20);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Deque<Instant> recent(long userId, Instant now) {
        Deque<Instant> recent = failures.computeIfAbsent(userId, id -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.getFirst().isAfter(now.minus(window))) {
            recent.removeFirst();
        }
        return recent;
    }
}
