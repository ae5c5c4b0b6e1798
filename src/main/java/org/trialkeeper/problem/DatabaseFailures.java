package org.trialkeeper.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * A database that is down, unreachable, out of connections or too slow answers 503
 * {@code unavailable} with Retry-After, so clients retry (randomisation with the same
 * Idempotency-Key) rather than pile up; the transaction was rolled back, so nothing is half
 * written. Any other database failure is a 500 that shows no SQL.
 */
final class DatabaseFailures {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {
    }

    static HttpResponse<Problem> answer(HttpRequest<?> request, RuntimeException failure) {
        if (unavailable(failure)) {
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getPath(), failure.toString());
            return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Problem(Problem.type("unavailable"),
                    "Service Unavailable", 503, "The database cannot be reached just now; nothing was changed. Try again shortly",
                    request.getPath(), List.of())).contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        LOG.error("database failure for {} {}", request.getMethod(), request.getPath(), failure);
        return HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR).body(new Problem(Problem.type("internal-error"),
                "Internal Server Error", 500, "The server could not complete the request", request.getPath(), List.of()))
                .contentType(Problem.MEDIA_TYPE);
    }

    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectionException
                    || cause instanceof io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException
                    || cause instanceof io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SocketTimeoutException || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Singleton
    static final class OnConnection implements ExceptionHandler<ConnectionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConnectionException exception) {
            return answer(request, exception);
        }
    }

    @Singleton
    static final class OnTransaction implements ExceptionHandler<TransactionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, TransactionException exception) {
            return answer(request, exception);
        }
    }

    @Singleton
    static final class OnNoConnection implements
            ExceptionHandler<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request,
                                            io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException exception) {
            return answer(request, exception);
        }
    }

    @Singleton
    static final class OnNoTransactionConnection implements
            ExceptionHandler<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request,
                                            io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException exception) {
            return answer(request, exception);
        }
    }

    @Singleton
    static final class OnDataAccess implements ExceptionHandler<DataAccessException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, DataAccessException exception) {
            return answer(request, exception);
        }
    }
}
