package org.trialkeeper.database;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The suite runs its SQL under the strictest sql_mode that MySQL 8.4 and MariaDB 10.11 share, so
 * that a query one of them would refuse cannot pass here because the embedded server is lenient.
 */
@MicronautTest(transactional = false)
class StrictSqlModeTest {

    static final Set<String> SHARED_STRICTEST = Set.of("ONLY_FULL_GROUP_BY", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES",
            "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION");

    @Inject
    DataSource dataSource;

    @Test
    void everyPooledConnectionRunsWithTheStrictestModeBothServersShare() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Connection connection = pool().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet mode = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
                mode.next();
                assertEquals(new TreeSet<>(SHARED_STRICTEST), new TreeSet<>(Set.of(mode.getString(1).split(","))));
            }
        }
    }

    @Test
    void aLooseGroupByIsRefused() throws Exception {
        try (Connection connection = pool().getConnection();
             Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.executeQuery(
                    "SELECT a.kind, a.n FROM (SELECT 1 AS kind, 1 AS n UNION ALL SELECT 1, 2) a GROUP BY a.kind").close());
            assertEquals(1055, refused.getErrorCode(), refused.getMessage());
        }
    }

    @Test
    void aWriteThatDoesNotFitIsRefusedInsteadOfCutOrZeroed() throws Exception {
        try (Connection connection = pool().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE strict_probe (id INT PRIMARY KEY, code VARCHAR(2), ratio INT, day DATE)");
            try {
                assertRefused(statement, "INSERT INTO strict_probe VALUES (1, 'abc', 1, '2024-01-10')", 1406);
                assertRefused(statement, "INSERT INTO strict_probe VALUES (2, 'ab', 1 / 0, '2024-01-10')", 1365);
                assertRefused(statement, "INSERT INTO strict_probe VALUES (3, 'ab', 1, '2024-00-10')", 1292);
                assertRefused(statement, "INSERT INTO strict_probe VALUES (4, 'ab', 1, '0000-00-00')", 1292);
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM strict_probe")) {
                    rows.next();
                    assertEquals(0, rows.getInt(1), "nothing written");
                }
            } finally {
                statement.execute("DROP TEMPORARY TABLE strict_probe");
            }
        }
    }

    private DataSource pool() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }

    private static void assertRefused(Statement statement, String insert, int errorCode) {
        SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(insert), insert);
        assertEquals(errorCode, refused.getErrorCode(), refused.getMessage());
    }
}
