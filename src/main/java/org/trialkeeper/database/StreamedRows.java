package org.trialkeeper.database;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One trial's rows of a query, handed over one at a time as the server sends them. Connector/J
 * otherwise reads a whole result before the first row is seen, and a report of a million
 * participants would hold the driver's copy of every row beside its own.
 */
public final class StreamedRows {

    /** What is done with each row; it must not use the connection, which is busy until the last row. */
    @FunctionalInterface
    public interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private StreamedRows() {
    }

    /** @param sql a query whose one parameter is the trial's id */
    public static void of(JdbcOperations jdbc, String sql, long trialId, Row each) {
        jdbc.prepareStatement(sql, statement -> {
            statement.setLong(1, trialId);
            // Connector/J's sign to stream the rows instead of reading them all first
            statement.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
            return null;
        });
    }
}
