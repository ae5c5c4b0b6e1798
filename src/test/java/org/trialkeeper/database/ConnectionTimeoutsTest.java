package org.trialkeeper.database;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The timeouts the README promises reach the driver's connections: the driver reads only text
 * properties, so a number in the configuration would be dropped without a word.
 */
@MicronautTest(transactional = false)
class ConnectionTimeoutsTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyConnectionGivesUpOnASilentDatabaseAfterTheConfiguredTimeouts() throws Exception {
        DataSource pool = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        try (Connection connection = pool.getConnection()) {
            JdbcConnection mysql = connection.unwrap(JdbcConnection.class);
            assertEquals(30_000, mysql.getPropertySet().getIntegerProperty(PropertyKey.socketTimeout).getValue());
            assertEquals(5_000, mysql.getPropertySet().getIntegerProperty(PropertyKey.connectTimeout).getValue());
            assertEquals(30_000, mysql.getNetworkTimeout(), "the socket's own read timeout");
        }
    }
}
