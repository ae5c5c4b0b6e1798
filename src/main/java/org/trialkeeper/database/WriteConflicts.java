package org.trialkeeper.database;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a unit of work in a transaction of its own and runs it again, whole, when it lost a
 * write conflict: a deadlock on one server, or on a Galera cluster a certification failure
 * (another node committed a conflicting write first), which the server reports as a deadlock at
 * commit. The work must be safe to run again: it reads what it needs inside the transaction, so a
 * second run sees what the winner committed.
 */
@Singleton
public class WriteConflicts {

    static final int MAX_ATTEMPTS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(WriteConflicts.class);

    private final TransactionOperations<Connection> transactions;
    private final AtomicLong retried = new AtomicLong();

    WriteConflicts(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The work's result, after at most {@link #MAX_ATTEMPTS} runs; the last conflict is thrown. */
    public <T> T write(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (!shouldRetry(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Whether a failed run is to be run again: a conflict with attempts left, after a short random pause. */
    boolean shouldRetry(RuntimeException failure, int attempt) {
        if (!isConflict(failure) || attempt >= MAX_ATTEMPTS) {
            return false;
        }
        retried.incrementAndGet();
        LOG.debug("Write conflict, attempt {} of {}: running the transaction again", attempt, MAX_ATTEMPTS);
        backOff(attempt);
        return true;
    }

    /** How many transactions were run again after a conflict since the service started. */
    public long retried() {
        return retried.get();
    }

    /**
     * A write that lost to one committed at the same moment elsewhere, which the database could
     * only report as a duplicate key: on a cluster a node's row locks do not hold on the others,
     * so two instances can both find a slot free, and the second insert meets the first's row.
     * Running the transaction again finds that row and decides afresh.
     */
    public static final class Lost extends RuntimeException {
        public Lost(String what, Throwable cause) {
            super(what, cause);
        }
    }

    /** A deadlock, a certification failure or a {@link Lost} write anywhere in the cause chain. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Lost) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        long most = 5L << Math.min(attempt, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, most + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a write", e);
        }
    }
}
