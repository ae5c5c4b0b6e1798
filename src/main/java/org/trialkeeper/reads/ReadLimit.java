package org.trialkeeper.reads;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many of the reads that walk a whole trial (progress, reports, exports, the audit trail,
 * verification) run at once. They share the connection pool with randomisation; without a bound,
 * a crowd of readers holds every connection and allocations wait for one until they are refused.
 * With it, readers beyond the bound wait here, holding no connection, and the rest of the pool
 * stays free for writes and short reads. A reader that gets no turn within the wait is answered
 * 503 {@code busy} with Retry-After.
 */
@Singleton
public class ReadLimit {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore turns;
    private final Duration wait;

    ReadLimit(@Value("${trialkeeper.reads.concurrent:3}") int concurrent,
              @Value("${trialkeeper.reads.wait:10s}") Duration wait) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("trialkeeper.reads.concurrent must be at least 1, not " + concurrent);
        }
        this.turns = new Semaphore(concurrent, true);
        this.wait = wait;
    }

    /**
     * Runs a whole-trial read in its turn; to be called outside the read's transaction, so that
     * no connection is held while waiting.
     *
     * @throws ProblemException 503 {@code busy} when no turn came within the wait
     */
    public <T> T inTurn(Supplier<T> read) {
        boolean got;
        try {
            got = turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new ProblemException(ProblemCode.BUSY, "The service is busy with other large reads just now and"
                    + " could not take this one in time; the database is running. Try again after Retry-After")
                    .retryAfter(RETRY_AFTER);
        }
        try {
            return read.get();
        } finally {
            turns.release();
        }
    }
}
