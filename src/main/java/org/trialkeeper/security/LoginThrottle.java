package org.trialkeeper.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per source address and per account name and source, in this
 * instance's memory. Past a number of free failures a key waits before its next attempt: the
 * first delay after the last failure, twice as long after each further failure, never longer
 * than the cap. A key without a failure for a window is forgotten. No key is ever locked for
 * good, and a key belongs to a source, so a flood from one address never keeps the account's
 * owner out from another.
 * <p>
 * An admitted attempt counts as a failure at once and is taken back if it succeeds, so attempts
 * sent together cannot all slip in before the first of them fails. Each map holds at most
 * {@code maxEntries} keys; past that the least recently seen is dropped.
 */
final class LoginThrottle {

    /** How the figures are set. */
    record Rules(int sourceFreeFailures, int accountFreeFailures, Duration firstDelay, Duration maxDelay,
                 Duration window, int maxEntries, int sourceInFlight) {
    }

    /** A refusal: how long to wait, and whether it is the first refusal since the last failure of its key. */
    record Refusal(Duration retryAfter, boolean firstOfWindow, int failures) {
    }

    /** An attempt let through, counted as a failure until it is settled otherwise. */
    final class Admission {

        private final Entry source;
        private final Entry pair;
        private final String pairKey;
        private final boolean clean;
        private boolean settled;

        private Admission(Entry source, Entry pair, String pairKey, boolean clean) {
            this.source = source;
            this.pair = pair;
            this.pairKey = pairKey;
            this.clean = clean;
        }

        /**
         * Whether the source had tried nothing within the window, since its last success, when
         * this attempt came: attempts that were never checked count too, or sources whose every
         * attempt waits in vain for a check would stay clean.
         */
        boolean clean() {
            return clean;
        }

        /** The password was right: the account's count from this source is cleared. */
        void succeeded() {
            synchronized (LoginThrottle.this) {
                if (!settled) {
                    settle();
                    source.undo();
                    source.lastTried = null;
                    pairs.remove(pairKey, pair);
                }
            }
        }

        /** Nothing was checked (no capacity, or a failure of the service): the attempt does not count. */
        void withdrawn() {
            synchronized (LoginThrottle.this) {
                if (!settled) {
                    settle();
                    source.undo();
                    pair.undo();
                }
            }
        }

        /** The attempt failed: it stays counted. */
        void failed() {
            synchronized (LoginThrottle.this) {
                if (!settled) {
                    settle();
                }
            }
        }

        private void settle() {
            settled = true;
            source.inFlight--;
        }
    }

    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(1);

    private final Rules rules;
    private final Map<String, Entry> sources;
    private final Map<String, Entry> pairs;

    LoginThrottle(Rules rules) {
        this.rules = rules;
        this.sources = bounded(rules.maxEntries());
        this.pairs = bounded(rules.maxEntries());
    }

    /**
     * Either a refusal, decided from memory alone, or an admission counted as a failure until
     * it is settled. A source with as many attempts in flight as it may have is refused for a
     * second, so that one source cannot fill the queue for password checks.
     */
    synchronized Decision admit(String account, String source, Instant now) {
        forgetOlderThanWindow(now);
        String pairKey = account + '\n' + source;
        Entry bySource = entry(sources, source, now);
        Entry byPair = entry(pairs, pairKey, now);
        Duration sourceWait = bySource.wait(now, rules.sourceFreeFailures());
        Duration pairWait = byPair.wait(now, rules.accountFreeFailures());
        boolean bySourceLonger = sourceWait.compareTo(pairWait) >= 0;
        Duration wait = bySourceLonger ? sourceWait : pairWait;
        if (!wait.isZero()) {
            Entry refusing = bySourceLonger ? bySource : byPair;
            return new Decision(null, new Refusal(wait, refusing.refused(), refusing.failures));
        }
        if (bySource.inFlight >= rules.sourceInFlight()) {
            return new Decision(null, new Refusal(IN_FLIGHT_WAIT, false, bySource.failures));
        }
        boolean clean = bySource.lastTried == null || !bySource.lastTried.plus(rules.window()).isAfter(now);
        bySource.lastTried = now;
        bySource.failed(now);
        bySource.inFlight++;
        byPair.failed(now);
        return new Decision(new Admission(bySource, byPair, pairKey, clean), null);
    }

    /** Exactly one of the two is set. */
    record Decision(Admission admission, Refusal refusal) {

        Optional<Refusal> refused() {
            return Optional.ofNullable(refusal);
        }
    }

    /** How many keys are kept, sources and account-and-source pairs together. */
    synchronized int size() {
        return sources.size() + pairs.size();
    }

    private Entry entry(Map<String, Entry> map, String key, Instant now) {
        Entry entry = map.computeIfAbsent(key, k -> new Entry());
        if (entry.lastFailure != null && !entry.lastFailure.plus(rules.window()).isAfter(now)) {
            entry.failures = 0;
            entry.lastFailure = null;
        }
        entry.lastSeen = now;
        return entry;
    }

    /** Keys are kept in the order they were last seen, so the stale ones are at the head. */
    private void forgetOlderThanWindow(Instant now) {
        for (Map<String, Entry> map : List.of(sources, pairs)) {
            Iterator<Entry> oldest = map.values().iterator();
            while (oldest.hasNext()) {
                Entry entry = oldest.next();
                if (entry.lastSeen.plus(rules.window()).isAfter(now)) {
                    break;
                }
                oldest.remove();
            }
        }
    }

    private static Map<String, Entry> bounded(int maxEntries) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private final class Entry {

        private int failures;
        private int inFlight;
        private Instant lastFailure;
        private Instant lastTried;
        private Instant lastSeen;
        private boolean refusedSinceFailure;

        Duration wait(Instant now, int free) {
            if (failures < free || lastFailure == null) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, lastFailure.plus(delay(failures - free)));
            return left.isNegative() ? Duration.ZERO : left;
        }

        void failed(Instant now) {
            failures++;
            lastFailure = now;
            refusedSinceFailure = false;
        }

        void undo() {
            failures = Math.max(0, failures - 1);
        }

        /** Whether this refusal is the first since the key's last failure. */
        boolean refused() {
            boolean first = !refusedSinceFailure;
            refusedSinceFailure = true;
            return first;
        }

        private Duration delay(int beyondFree) {
            Duration delay = rules.firstDelay().multipliedBy(1L << Math.min(beyondFree, 30));
            return delay.compareTo(rules.maxDelay()) > 0 ? rules.maxDelay() : delay;
        }
    }
}
