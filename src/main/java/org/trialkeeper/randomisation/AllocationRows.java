package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.database.RowInserts;
import org.trialkeeper.trial.TrialStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The statements of an allocation's transaction on the allocation tables, sent as plain JDBC on
 * the transaction's connection: every randomisation waits for each of them in turn, and a
 * repository's interception and mapping cost more than the statement itself.
 */
@Singleton
class AllocationRows {

    private static final String COLUMNS = "id, trial_id, participant_id, number, stratum, position, factor_levels, arm,"
            + " idempotency_key, allocated_by, allocated_at, in_error_reason, in_error_at, mac";

    private final JdbcOperations jdbc;

    AllocationRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The allocations that answer or refuse these requests: those of the participants, and those made under the keys. */
    List<Allocation> concerning(long trialId, Collection<Long> participantIds, List<String> keys) {
        List<Long> ids = List.copyOf(participantIds);
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM allocation WHERE trial_id = ? AND (participant_id IN ("
                + placeholders(ids) + ") OR idempotency_key IN (" + placeholders(keys) + "))", statement -> {
                    int p = 1;
                    statement.setLong(p++, trialId);
                    for (long id : ids) {
                        statement.setLong(p++, id);
                    }
                    for (String key : keys) {
                        statement.setString(p++, key);
                    }
                    return read(statement);
                });
    }

    /**
     * Holds the trial's allocation lock until the transaction ends, and reads the trial's status
     * and last allocation number once it is held, so that both are what the previous holder
     * committed: one round trip, not three. Empty for a trial whose recruitment never opened.
     */
    Optional<AllocationLock.Held> hold(long trialId) {
        return jdbc.prepareStatement("SELECT (SELECT t.status FROM trial t WHERE t.id = l.trial_id),"
                + " (SELECT COALESCE(MAX(a.number), 0) FROM allocation a WHERE a.trial_id = l.trial_id)"
                + " FROM allocation_lock l WHERE l.trial_id = ? FOR UPDATE", statement -> {
                    statement.setLong(1, trialId);
                    try (ResultSet row = statement.executeQuery()) {
                        return row.next()
                                ? Optional.of(new AllocationLock.Held(trialId, TrialStatus.valueOf(row.getString(1)),
                                row.getInt(2)))
                                : Optional.empty();
                    }
                });
    }

    /** The allocation that used a stratum's highest position so far; one probe of a unique index. */
    Optional<Allocation> lastInStratum(long trialId, String stratum) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM allocation WHERE trial_id = ? AND stratum = ?"
                + " ORDER BY position DESC LIMIT 1", statement -> {
                    statement.setLong(1, trialId);
                    statement.setString(2, stratum);
                    return read(statement).stream().findFirst();
                });
    }

    /** Inserts the allocations, in one statement; answers them with the ids the database gave them. */
    List<Allocation> insert(List<Allocation> made) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO allocation (trial_id,"
                    + " participant_id, number, stratum, position, factor_levels, arm, idempotency_key, allocated_by,"
                    + " allocated_at, in_error_reason, in_error_at, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                RowInserts.send(statement, made, AllocationRows::bind);
                List<Allocation> saved = new ArrayList<>(made.size());
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    for (Allocation allocation : made) {
                        if (!keys.next()) {
                            throw new SQLException("The database gave fewer ids than allocations inserted");
                        }
                        saved.add(allocation.withId(keys.getLong(1)));
                    }
                }
                return saved;
            }
        });
    }

    private static void bind(PreparedStatement statement, Allocation allocation) throws SQLException {
        statement.setLong(1, allocation.trialId());
        statement.setLong(2, allocation.participantId());
        statement.setInt(3, allocation.number());
        statement.setString(4, allocation.stratum());
        statement.setInt(5, allocation.position());
        statement.setString(6, allocation.factorLevels());
        statement.setString(7, allocation.arm());
        statement.setString(8, allocation.idempotencyKey());
        RowInserts.setLong(statement, 9, allocation.allocatedBy());
        statement.setTimestamp(10, Timestamp.from(allocation.allocatedAt()));
        statement.setString(11, allocation.inErrorReason());
        if (allocation.inErrorAt() == null) {
            statement.setNull(12, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(12, Timestamp.from(allocation.inErrorAt()));
        }
        statement.setString(13, allocation.mac());
    }

    private static List<Allocation> read(PreparedStatement statement) throws SQLException {
        List<Allocation> found = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                long allocatedBy = row.getLong(10);
                Long by = row.wasNull() ? null : allocatedBy;
                found.add(new Allocation(row.getLong(1), row.getLong(2), row.getLong(3), row.getInt(4),
                        row.getString(5), row.getInt(6), row.getString(7), row.getString(8), row.getString(9), by,
                        instant(row.getTimestamp(11)), row.getString(12), instant(row.getTimestamp(13)),
                        row.getString(14)));
            }
        }
        return found;
    }

    /** Read as Micronaut Data reads an entity's Instant (and bound as it binds one), so a MAC over the time checks either way. */
    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
