package org.trialkeeper.database;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A transaction that loses a write conflict is run again whole, up to its limit; one that fails
 * otherwise is not; a method that joined a transaction is run again with the whole of it.
 */
@MicronautTest(transactional = false)
class ConflictRetryTest {

    @Inject
    Work work;

    @Inject
    WriteConflicts conflicts;

    /** Fails with the given error for its first runs, then answers how many runs it took. */
    @Singleton
    static class Work {

        final AtomicInteger runs = new AtomicInteger();

        @Transactional
        int failing(int times, SQLException error) {
            int run = runs.incrementAndGet();
            if (run <= times) {
                throw new IllegalStateException("the write failed", error);
            }
            return run;
        }

        final AtomicInteger outerRuns = new AtomicInteger();

        @Transactional
        int outer(int times) {
            outerRuns.incrementAndGet();
            return failing(times, deadlock());
        }
    }

    static SQLException deadlock() {
        return new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
    }

    @Test
    void aConflictIsRunAgainWholeUntilItCommits() {
        work.runs.set(0);
        long before = conflicts.retried();
        assertEquals(3, work.failing(2, deadlock()));
        assertEquals(2, conflicts.retried() - before);
    }

    @Test
    void runsStopAtTheLimitAndTheLastConflictIsThrown() {
        work.runs.set(0);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> work.failing(WriteConflicts.MAX_ATTEMPTS + 5, deadlock()));
        assertEquals(1213, ((SQLException) thrown.getCause()).getErrorCode());
        assertEquals(WriteConflicts.MAX_ATTEMPTS, work.runs.get());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        work.runs.set(0);
        assertThrows(IllegalStateException.class,
                () -> work.failing(1, new SQLException("Duplicate entry", "23000", 1062)));
        assertEquals(1, work.runs.get());
    }

    @Test
    void aConflictInAJoinedTransactionRunsTheWholeTransactionAgain() {
        work.runs.set(0);
        work.outerRuns.set(0);
        assertEquals(2, work.outer(1));
        assertEquals(2, work.outerRuns.get(), "the transaction that began it ran again, not the method that joined it");
    }
}
