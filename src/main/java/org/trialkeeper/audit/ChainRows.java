package org.trialkeeper.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.database.RowInserts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * An append's statements: lock the chain's head, insert the records, move the head. Every
 * audited write sends them, an allocation included, so they go as plain JDBC on the
 * transaction's connection, the records as one statement.
 */
@Singleton
class ChainRows {

    private final JdbcOperations jdbc;
    private final AuditHeadRepository heads;

    ChainRows(JdbcOperations jdbc, AuditHeadRepository heads) {
        this.jdbc = jdbc;
        this.heads = heads;
    }

    /** Locks the chain's head until the transaction ends, making it first if the chain has none yet (a trial's first record). */
    AuditHead lock(String chain) {
        return lockExisting(chain).orElseGet(() -> {
            heads.createIfAbsent(chain, AuditChain.GENESIS);
            return lockExisting(chain)
                    .orElseThrow(() -> new IllegalStateException("The audit chain " + chain + " has no head row"));
        });
    }

    private Optional<AuditHead> lockExisting(String chain) {
        return jdbc.prepareStatement("SELECT chain, last_seq, last_hash, keyed FROM audit_head WHERE chain = ? FOR UPDATE",
                statement -> {
                    statement.setString(1, chain);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next()
                                ? Optional.of(new AuditHead(row.getString(1), row.getLong(2), row.getString(3),
                                row.getBoolean(4)))
                                : Optional.empty();
                    }
                });
    }

    void insert(List<AuditRecord> records) {
        jdbc.prepareStatement("INSERT INTO audit_record (chain, seq, recorded_at, user_id, username, role, trial_id,"
                + " action, entity, entity_id, before_value, after_value, reason, reveals_allocation, previous_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    RowInserts.send(statement, records, ChainRows::bind);
                    return null;
                });
    }

    /** Moves the locked head to its chain's new end. */
    void move(AuditHead head) {
        jdbc.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ?, keyed = ? WHERE chain = ?",
                statement -> {
                    statement.setLong(1, head.lastSeq());
                    statement.setString(2, head.lastHash());
                    statement.setBoolean(3, head.keyed());
                    statement.setString(4, head.chain());
                    return statement.executeUpdate();
                });
    }

    private static void bind(PreparedStatement statement, AuditRecord record) throws SQLException {
        statement.setString(1, record.chain());
        statement.setLong(2, record.seq());
        statement.setTimestamp(3, Timestamp.from(record.recordedAt()));
        RowInserts.setLong(statement, 4, record.userId());
        statement.setString(5, record.username());
        statement.setString(6, record.role());
        RowInserts.setLong(statement, 7, record.trialId());
        statement.setString(8, record.action());
        statement.setString(9, record.entity());
        statement.setString(10, record.entityId());
        statement.setString(11, record.before());
        statement.setString(12, record.after());
        statement.setString(13, record.reason());
        statement.setBoolean(14, record.revealsAllocation());
        statement.setString(15, record.previousHash());
        statement.setString(16, record.hash());
    }
}
