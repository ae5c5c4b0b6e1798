package org.trialkeeper.unblinding;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WrongPasswordsTest {

    private static final Instant START = Instant.parse("2025-03-01T03:00:00Z");

    private final WrongPasswords wrong = new WrongPasswords(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));

    private void failFiveTimes(long userId) {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), wrong.wait(userId, START.plusSeconds(i)), "attempt " + (i + 1) + " is free");
            wrong.failed(userId, START.plusSeconds(i));
        }
    }

    @Test
    void theSixthAttemptWithinTheWindowWaitsAndOtherUsersDoNot() {
        failFiveTimes(7);
        assertEquals(Optional.of(Duration.ofSeconds(29)), wrong.wait(7, START.plusSeconds(5)));
        assertEquals(Optional.empty(), wrong.wait(8, START.plusSeconds(5)));
    }

    @Test
    void theWaitDoublesWithEachFurtherWrongPasswordUpToFifteenMinutes() {
        failFiveTimes(7);
        Instant at = START.plusSeconds(4);
        for (long expected : new long[]{30, 60, 120, 240, 480, 900, 900}) {
            at = at.plusSeconds(expected);
            assertEquals(Optional.empty(), wrong.wait(7, at), "free again after " + expected + " s");
            wrong.failed(7, at);
            assertEquals(Optional.of(Duration.ofSeconds(Math.min(expected * 2, 900))), wrong.wait(7, at));
        }
    }

    @Test
    void afterTheWindowTheFailuresAreForgotten() {
        failFiveTimes(7);
        Instant later = START.plusSeconds(4).plus(Duration.ofHours(1));
        assertEquals(Optional.empty(), wrong.wait(7, later));
        wrong.failed(7, later);
        assertEquals(Optional.empty(), wrong.wait(7, later), "one failure in the new window is free");
    }

    @Test
    void theRightPasswordClearsTheFailures() {
        failFiveTimes(7);
        wrong.succeeded(7);
        assertEquals(Optional.empty(), wrong.wait(7, START.plusSeconds(5)));
    }
}
