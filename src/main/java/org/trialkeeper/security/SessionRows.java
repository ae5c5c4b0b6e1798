package org.trialkeeper.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.access.Role;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The account as it is now, read for every signed-in request: plain JDBC, since a repository's
 * mapper for the row costs more than the statement.
 */
@Singleton
class SessionRows {

    private final ConnectionOperations<Connection> connections;
    private final JdbcOperations jdbc;

    SessionRows(ConnectionOperations<Connection> connections, JdbcOperations jdbc) {
        this.connections = connections;
        this.jdbc = jdbc;
    }

    /**
     * One row per role the user holds in the trial (one row with no role when none, or when no
     * trial is named): what a request's sign-in and roles are decided from, in one statement.
     */
    List<SessionRow> find(long userId, @Nullable Long trialId) {
        // outside any transaction, on a connection of its own, as a repository's read would be
        return connections.executeRead(status -> jdbc.prepareStatement("SELECT u.active, u.session_version, u.admin, u.must_change_password, m.role"
                + " FROM app_user u LEFT JOIN membership m ON m.user_id = u.id AND m.trial_id = ?"
                + " WHERE u.id = ?", statement -> {
                    if (trialId == null) {
                        statement.setNull(1, Types.BIGINT);
                    } else {
                        statement.setLong(1, trialId);
                    }
                    statement.setLong(2, userId);
                    List<SessionRow> rows = new ArrayList<>(2);
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            String role = row.getString(5);
                            rows.add(new SessionRow(row.getBoolean(1), row.getInt(2), row.getBoolean(3),
                                    row.getBoolean(4), role == null ? null : Role.valueOf(role)));
                        }
                    }
                    return rows;
                }));
    }
}
