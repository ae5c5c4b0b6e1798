package org.trialkeeper.reads;

import org.junit.jupiter.api.Test;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-trial reads beyond the bound wait their turn, and one that gets none in time is refused busy. */
class ReadLimitTest {

    @Test
    void aReadBeyondTheBoundWaitsThenIsRefusedBusyWithRetryAfter() throws Exception {
        ReadLimit limit = new ReadLimit(1, Duration.ofMillis(50));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> limit.inTurn(() -> {
            inside.countDown();
            await(release);
            return "first";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        ProblemException refused = assertThrows(ProblemException.class, () -> limit.inTurn(() -> "second"));
        assertEquals(ProblemCode.BUSY, refused.code());
        assertEquals("1", refused.retryAfterSeconds().orElseThrow());
        release.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("third", limit.inTurn(() -> "third"), "the turn is given back after the read");
    }

    @Test
    void aReadThatFailsGivesItsTurnBack() {
        ReadLimit limit = new ReadLimit(1, Duration.ofMillis(50));
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> limit.inTurn(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("failed read");
        }));
        assertEquals("next", limit.inTurn(() -> "next"));
        assertEquals(1, runs.get());
        assertThrows(IllegalArgumentException.class, () -> new ReadLimit(0, Duration.ofSeconds(1)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
