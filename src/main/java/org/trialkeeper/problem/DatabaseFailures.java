package org.trialkeeper.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.trialkeeper.database.ConnectionPool;
import org.trialkeeper.database.WriteConflicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * A database that is down, unreachable or too slow answers 503 {@code unavailable} with
 * Retry-After; a service whose pooled connections were all in use, or whose transaction lost a
 * lock wait or a conflict, answers 503 {@code busy} with a shorter Retry-After. Either way clients
 * retry (randomisation with the same Idempotency-Key) rather than pile up. Nothing is half written: the transaction either was
 * rolled back or, when only the answer to its commit was lost, committed whole, which a retry
 * finds (the same allocation for the same key, a duplicate participant). Any other database
 * failure is a 500 that shows no SQL.
 */
@Singleton
public final class DatabaseFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private final ConnectionPool pool;

    DatabaseFailures(ConnectionPool pool) {
        this.pool = pool;
    }

    HttpResponse<Problem> answer(HttpRequest<?> request, RuntimeException failure) {
        if (causedBy(failure, SQLRecoverableException.class, SQLNonTransientConnectionException.class)) {
            pool.lost();
        } else if (unreachable(failure)) {
            pool.noConnection();
        }
        if (unreachable(failure)) {
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getPath(), failure.toString());
            return refusal(request);
        }
        if (busy(failure)) {
            LOG.warn("database busy for {} {}: {}", request.getMethod(), request.getPath(), failure.toString());
            return busyRefusal(request);
        }
        LOG.error("database failure for {} {}", request.getMethod(), request.getPath(), failure);
        return HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problem.of(ProblemCode.INTERNAL_ERROR,
                "The server could not complete the request", request.getPath()))
                .contentType(Problem.MEDIA_TYPE);
    }

    /** 503 {@code unavailable} with Retry-After: the database cannot be reached. */
    static HttpResponse<Problem> refusal(HttpRequest<?> request) {
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(Problem.of(ProblemCode.UNAVAILABLE,
                "The database cannot be reached just now. Try again shortly: a change is made"
                + " whole or not at all, and a randomisation retried with its Idempotency-Key is made once",
                request.getPath())).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /** 503 {@code busy} with Retry-After: the request got no turn at the database in time, though it was not found unreachable. */
    static HttpResponse<Problem> busyRefusal(HttpRequest<?> request) {
        return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(Problem.of(ProblemCode.BUSY,
                "The service is busy just now: the request got no turn at the database in time (every connection"
                + " in use, or a lock or a conflict lost). Try again after Retry-After: nothing of this request was"
                + " changed, and a randomisation retried with its Idempotency-Key is made once", request.getPath()))
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
    }

    /**
     * Whether a failure means the database cannot be reached just now (down, unreachable, too
     * slow) or was too busy to take or finish the request (no pooled connection free in time, a
     * lock wait, a deadlock, a write that lost to another on a cluster every time it was run),
     * rather than that the request is wrong.
     */
    static boolean unavailable(Throwable failure) {
        return unreachable(failure) || busy(failure);
    }

    /** Whether the database answers but had no turn for the request: the pool's connections all in use, a lock wait, a conflict. */
    public static boolean busy(Throwable failure) {
        return poolExhausted(failure) || causedBy(failure, SQLTransientException.class) || WriteConflicts.isConflict(failure);
    }

    /**
     * Whether a failure means the database cannot be reached at all just now: every other request
     * would fail too. A pool whose connections are all in use is not that: it times out without
     * a failed attempt to connect behind it.
     */
    public static boolean unreachable(Throwable failure) {
        return !poolExhausted(failure) && causedBy(failure, ConnectionException.class,
                io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException.class,
                io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException.class,
                SQLTransientConnectionException.class, SQLRecoverableException.class,
                SQLNonTransientConnectionException.class, SocketTimeoutException.class, java.net.ConnectException.class);
    }

    /**
     * Whether no pooled connection came free in time while the database answers: the pool's
     * timeout carries, as its cause, the last failure to open a connection, and has none when
     * every connection was simply in use.
     */
    public static boolean poolExhausted(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timeout) {
                return timeout.getCause() == null;
            }
        }
        return false;
    }

    @SafeVarargs
    private static boolean causedBy(Throwable failure, Class<? extends Throwable>... kinds) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> kind : kinds) {
                if (kind.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Micronaut picks an exception handler by the type it handles: one small subclass per database exception type. */
    abstract static class Handler<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<Problem>> {
        private final DatabaseFailures failures;

        Handler(DatabaseFailures failures) {
            this.failures = failures;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, E exception) {
            return failures.answer(request, exception);
        }
    }

    @Singleton
    static final class OnConnection extends Handler<ConnectionException> {
        OnConnection(DatabaseFailures failures) {
            super(failures);
        }
    }

    @Singleton
    static final class OnTransaction extends Handler<TransactionException> {
        OnTransaction(DatabaseFailures failures) {
            super(failures);
        }
    }

    @Singleton
    static final class OnNoConnection extends Handler<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
        OnNoConnection(DatabaseFailures failures) {
            super(failures);
        }
    }

    @Singleton
    static final class OnNoTransactionConnection
            extends Handler<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException> {
        OnNoTransactionConnection(DatabaseFailures failures) {
            super(failures);
        }
    }

    @Singleton
    static final class OnDataAccess extends Handler<DataAccessException> {
        OnDataAccess(DatabaseFailures failures) {
            super(failures);
        }
    }

    @Singleton
    static final class OnLostWrite extends Handler<WriteConflicts.Lost> {
        OnLostWrite(DatabaseFailures failures) {
            super(failures);
        }
    }
}
