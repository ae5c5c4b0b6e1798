package org.trialkeeper.audit;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Statements on a connection of our own, outside the service's transactions: what someone with database access could do. */
final class RawDatabase {

    private RawDatabase() {
    }

    static Connection connect(DataSource dataSource) throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        return raw.getConnection();
    }

    static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
    }

    static String value(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Puts records back as they were stored, their numbers included. */
    static void insert(Connection db, Iterable<AuditRecord> records) throws SQLException {
        for (AuditRecord record : records) {
            execute(db, "INSERT INTO audit_record (id, chain, seq, recorded_at, user_id, username, role, trial_id, action,"
                    + " entity, entity_id, before_value, after_value, reason, reveals_allocation, previous_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", record.id(), record.chain(), record.seq(),
                    java.sql.Timestamp.from(record.recordedAt()), record.userId(), record.username(), record.role(),
                    record.trialId(), record.action(), record.entity(), record.entityId(), record.before(), record.after(),
                    record.reason(), record.revealsAllocation(), record.previousHash(), record.hash());
        }
    }
}
