package org.trialkeeper.database;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a database migrated before the one landed migration that was later edited up to the
 * edited version, so that Flyway's validation accepts it. {@code V3} first created
 * {@code randomisation_setup} with an {@code allocations} count that the service no longer
 * writes; a database migrated with that first text has the column (NOT NULL, so every new
 * trial's recruitment would fail) and the first text's checksum. Before Flyway validates, the
 * column is dropped and the checksum recorded as the present one's, in one step each, only
 * when the history holds exactly that first checksum. Landed migrations are never edited
 * again: {@code MigrationChecksumsTest} pins each one.
 */
final class EditedMigrations implements Callback {

    static final String VERSION = "3";
    static final int FIRST_CHECKSUM = -600125695;
    static final int PRESENT_CHECKSUM = 2010831843;

    private static final Logger LOG = LoggerFactory.getLogger(EditedMigrations.class);

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.BEFORE_VALIDATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            repair(context.getConnection(), context.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not bring migration " + VERSION + " up to its present text", e);
        }
    }

    static void repair(Connection connection, String historyTable) throws SQLException {
        if (!tableExists(connection, historyTable) || !hasFirstChecksum(connection, historyTable)) {
            return;
        }
        if (columnExists(connection, "randomisation_setup", "allocations")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE randomisation_setup DROP COLUMN allocations");
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE `" + historyTable
                + "` SET checksum = ? WHERE version = ? AND checksum = ?")) {
            update.setInt(1, PRESENT_CHECKSUM);
            update.setString(2, VERSION);
            update.setInt(3, FIRST_CHECKSUM);
            update.executeUpdate();
        }
        LOG.info("Migration {} brought up to its present text: randomisation_setup.allocations dropped", VERSION);
    }

    private static boolean hasFirstChecksum(Connection connection, String historyTable) throws SQLException {
        return any(connection, "SELECT COUNT(*) FROM `" + historyTable + "` WHERE version = ? AND checksum = ?",
                VERSION, FIRST_CHECKSUM);
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        return any(connection, "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?", table);
    }

    private static boolean columnExists(Connection connection, String table, String column) throws SQLException {
        return any(connection, "SELECT COUNT(*) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?", table, column);
    }

    private static boolean any(Connection connection, String count, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(count)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "edited-migrations";
    }
}
