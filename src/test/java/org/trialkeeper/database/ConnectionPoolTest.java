package org.trialkeeper.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a database that nothing answers is unreachable: a server that refuses the connection
 * (here a wrong password; in production also "too many connections") can still be reached,
 * and requests are left to the pool's connections.
 */
class ConnectionPoolTest {

    @Test
    void aServerThatRefusesCanBeReachedButAPortThatNothingListensOnCannot() throws IOException {
        EmbeddedMariaDb database = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
        try (HikariDataSource wrongPassword = unstarted(database.jdbcUrl("trialkeeper_test"), database.user(), "not-the-password")) {
            assertTrue(ConnectionPool.reachable(wrongPassword), "access denied is an answer");
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (HikariDataSource nobody = unstarted("jdbc:mysql://127.0.0.1:" + closed + "/trialkeeper_test", "root", "")) {
            assertFalse(ConnectionPool.reachable(nobody), "a refused connection is no answer");
        }
        try (HikariDataSource right = unstarted(database.jdbcUrl("trialkeeper_test"), database.user(), database.password())) {
            assertTrue(ConnectionPool.reachable(right));
        }
    }

    /** A pool's settings without the pool: the probe opens its own connection from them. */
    private static HikariDataSource unstarted(String url, String user, String password) {
        HikariDataSource settings = new HikariDataSource();
        settings.setJdbcUrl(url);
        settings.setUsername(user);
        settings.setPassword(password);
        settings.addDataSourceProperty("connectTimeout", "2000");
        return settings;
    }
}
