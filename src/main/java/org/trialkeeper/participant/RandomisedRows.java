package org.trialkeeper.participant;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What every randomisation does to its participants, in the allocation's transaction: locks
 * them and marks them randomised. Sent as plain JDBC on the transaction's connection, since
 * each allocation waits for both and a repository's mapping costs more than the statement.
 */
@Singleton
class RandomisedRows {

    /** A locked participant's row, as far as randomisation needs it. */
    record Locked(long id, String code, String site, ParticipantStatus status, String baselineJson) {
    }

    private final JdbcOperations jdbc;

    RandomisedRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the trial's participants with these ids, in id order, so that two lockers never wait on each other. */
    List<Locked> lock(long trialId, List<Long> ids) {
        return jdbc.prepareStatement("SELECT id, code, site, status, baseline_json FROM participant"
                + " WHERE trial_id = ? AND id IN (" + placeholders(ids) + ") ORDER BY id FOR UPDATE", statement -> {
                    statement.setLong(1, trialId);
                    for (int i = 0; i < ids.size(); i++) {
                        statement.setLong(2 + i, ids.get(i));
                    }
                    List<Locked> locked = new ArrayList<>(ids.size());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            locked.add(new Locked(rows.getLong(1), rows.getString(2), rows.getString(3),
                                    ParticipantStatus.valueOf(rows.getString(4)), rows.getString(5)));
                        }
                    }
                    return locked;
                });
    }

    void updateStatus(List<Long> ids, ParticipantStatus status, Instant at) {
        jdbc.prepareStatement("UPDATE participant SET status = ?, updated_at = ? WHERE id IN (" + placeholders(ids) + ")",
                statement -> {
                    statement.setString(1, status.name());
                    statement.setTimestamp(2, Timestamp.from(at));
                    for (int i = 0; i < ids.size(); i++) {
                        statement.setLong(3 + i, ids.get(i));
                    }
                    return statement.executeUpdate();
                });
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
