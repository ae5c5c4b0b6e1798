package org.trialkeeper.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-11-26T06:00:00Z");
    private static final LoginThrottle.Rules RULES = new LoginThrottle.Rules(20, 5, Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofHours(1), 100, 10);

    @Test
    void theWaitDoublesAfterTheFreeFailuresAndStopsAtTheCap() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        Instant now = START;
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.1", now).admission().failed();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Duration wait = throttle.admit("admin", "10.0.0.1", now).refused().orElseThrow().retryAfter();
            waits.add(wait.toSeconds());
            now = now.plus(wait);
            throttle.admit("admin", "10.0.0.1", now).admission().failed();
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L), waits);
    }

    @Test
    void anotherSourceIsNotHeldUpByAThrottledOne() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.1", START).admission().failed();
        }
        assertTrue(throttle.admit("admin", "10.0.0.1", START).refused().isPresent());
        assertNull(throttle.admit("admin", "10.0.0.2", START).refusal());
    }

    @Test
    void aSourceIsThrottledWhateverNamesItTries() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        for (int i = 0; i < 20; i++) {
            throttle.admit("name-" + i, "10.0.0.1", START).admission().failed();
        }
        LoginThrottle.Refusal refusal = throttle.admit("yet-another-name", "10.0.0.1", START).refused().orElseThrow();
        assertEquals(Duration.ofSeconds(1), refusal.retryAfter());
        assertEquals(20, refusal.failures());
    }

    @Test
    void attemptsInFlightCountAsFailuresUntilTheySucceed() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        List<LoginThrottle.Admission> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(throttle.admit("admin", "10.0.0.1", START).admission());
        }
        assertTrue(throttle.admit("admin", "10.0.0.1", START).refused().isPresent());
        inFlight.get(0).succeeded();
        inFlight.forEach(LoginThrottle.Admission::withdrawn);
        assertNull(throttle.admit("admin", "10.0.0.1", START).refusal());
    }

    @Test
    void aSourceHasOnlyAFewAttemptsInFlightAtOnce() {
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Rules(20, 5, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofHours(1), 100, 2));
        LoginThrottle.Admission first = throttle.admit("a", "10.0.0.1", START).admission();
        throttle.admit("b", "10.0.0.1", START).admission();
        LoginThrottle.Refusal third = throttle.admit("c", "10.0.0.1", START).refused().orElseThrow();
        assertEquals(Duration.ofSeconds(1), third.retryAfter());
        assertFalse(third.firstOfWindow(), "not a throttle's wait: not audited");
        assertNull(throttle.admit("c", "10.0.0.2", START).refusal(), "another source");
        first.withdrawn();
        LoginThrottle.Admission fourth = throttle.admit("c", "10.0.0.1", START).admission();
        assertFalse(fourth.clean(), "the source has tried before, though nothing was checked");
        assertTrue(throttle.admit("d", "10.0.0.3", START).admission().clean());
        fourth.succeeded();
        assertTrue(throttle.admit("e", "10.0.0.1", START).admission().clean(), "a success makes it clean again");
    }

    @Test
    void onlyTheFirstRefusalAfterAFailureIsMarkedForTheAuditTrail() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.1", START).admission().failed();
        }
        assertTrue(throttle.admit("admin", "10.0.0.1", START).refused().orElseThrow().firstOfWindow());
        for (int i = 0; i < 50; i++) {
            assertFalse(throttle.admit("admin", "10.0.0.1", START).refused().orElseThrow().firstOfWindow());
        }
        Instant later = START.plusSeconds(1);
        throttle.admit("admin", "10.0.0.1", later).admission().failed();
        assertTrue(throttle.admit("admin", "10.0.0.1", later).refused().orElseThrow().firstOfWindow());
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        for (int i = 0; i < 20; i++) {
            throttle.admit("name-" + i, "10.0.0.1", START).admission().failed();
        }
        assertTrue(throttle.admit("admin", "10.0.0.1", START).refused().isPresent());
        Instant later = START.plus(Duration.ofMinutes(61));
        for (int i = 0; i < 20; i++) {
            throttle.admit("other-" + i, "10.0.0.1", later).admission().failed();
        }
        assertEquals(20, throttle.admit("admin", "10.0.0.1", later).refused().orElseThrow().failures());
        assertEquals(22, throttle.size(), "the source, the names tried since and the name just refused");
    }

    @Test
    void theKeysKeptAreBounded() {
        LoginThrottle throttle = new LoginThrottle(RULES);
        for (int i = 0; i < 1_000; i++) {
            throttle.admit("name-" + i, "10.0." + (i / 250) + "." + (i % 250), START).admission().failed();
        }
        assertEquals(200, throttle.size());
    }
}
