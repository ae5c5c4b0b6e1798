package org.trialkeeper.database;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Sends the rows of one insert: a single row as a plain update, several as one batch (the
 * driver rewrites a batch into one statement). Connector/J measures every value of a batch
 * before sending it, which for one row costs more than the insert itself.
 */
public final class RowInserts {

    /** Binds one row's values to the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private RowInserts() {
    }

    /** Binds a column that may be null, as a repository binds a nullable Long. */
    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    public static <T> void send(PreparedStatement statement, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.size() == 1) {
            binder.bind(statement, rows.get(0));
            statement.executeUpdate();
            return;
        }
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
        }
        if (!rows.isEmpty()) {
            statement.executeBatch();
        }
    }
}
