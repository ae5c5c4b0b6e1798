package org.trialkeeper.problem;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.trialkeeper.database.ConnectionPool;

import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseFailuresTest {

    /** without a pool of its own: nothing to drop */
    private static final DatabaseFailures FAILURES = new DatabaseFailures(new ConnectionPool(null));
    private static final HttpRequest<?> REQUEST = HttpRequest.POST("/api/trials/1/participants/1/randomisation", "");

    @Test
    void aDatabaseThatCannotBeReachedIsA503UnavailableWithRetryAfter() {
        // the pool's timeout carries the last failure to connect when connecting failed
        HttpResponse<Problem> answer = FAILURES.answer(REQUEST, new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLTransientConnectionException("pool timed out after 5000ms",
                        "08S01", new java.sql.SQLNonTransientConnectionException("Connection refused"))));
        assertEquals(503, answer.getStatus().getCode());
        assertEquals("5", answer.getHeaders().get("Retry-After"));
        assertEquals(ProblemCode.UNAVAILABLE.type(), answer.body().type());
        assertEquals(503, FAILURES.answer(REQUEST, new DataAccessException("lost",
                new java.sql.SQLRecoverableException("Communications link failure"))).getStatus().getCode());
    }

    @Test
    void aPoolWhoseConnectionsAreAllInUseIsA503BusyNotAnOutage() {
        CannotGetJdbcConnectionException timedOut = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("pool timed out after 2000ms"));
        HttpResponse<Problem> answer = FAILURES.answer(REQUEST, timedOut);
        assertEquals(503, answer.getStatus().getCode());
        assertEquals("1", answer.getHeaders().get("Retry-After"));
        assertEquals(ProblemCode.BUSY.type(), answer.body().type());
        assertTrue(DatabaseFailures.poolExhausted(timedOut));
        assertFalse(DatabaseFailures.unreachable(timedOut));
    }

    @Test
    void anyOtherDatabaseFailureIsA500ThatShowsNoSql() {
        HttpResponse<Problem> answer = FAILURES.answer(REQUEST, new DataAccessException("SELECT * FROM allocation",
                new SQLSyntaxErrorException("You have an error in your SQL syntax near 'FROM allocation'")));
        assertEquals(500, answer.getStatus().getCode());
        assertFalse(answer.body().detail().contains("SQL") || answer.body().detail().contains("allocation"));
    }

    @Test
    void aDeadlockIsA503ButNotAnOutageThatRefusesEveryRequestWaiting() {
        DataAccessException deadlock = new DataAccessException("deadlock",
                new java.sql.SQLTransactionRollbackException("Deadlock found when trying to get lock"));
        HttpResponse<Problem> answer = FAILURES.answer(REQUEST, deadlock);
        assertEquals(503, answer.getStatus().getCode());
        assertEquals(ProblemCode.BUSY.type(), answer.body().type());
        assertFalse(DatabaseFailures.unreachable(deadlock));
        assertTrue(DatabaseFailures.unreachable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("pool timed out after 5000ms", "08001",
                        new java.net.ConnectException("Connection refused")))));
    }
}
