package org.trialkeeper.assessment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.participant.ParticipantStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The worklist's rows a page at a time: the participants who may be assessed, by code, from the
 * participant code index, and what is entered for those on the page only. What is read of
 * randomisation is when it happened, never the arm.
 */
@Singleton
class WorklistQuery {

    /** Someone who may be assessed, and when they were randomised. */
    record Assessable(long participantId, String code, String site, Instant randomisedAt) {
    }

    private static final List<String> ASSESSABLE = Arrays.stream(ParticipantStatus.values())
            .filter(ParticipantStatus::acceptsAssessments).map(Enum::name).toList();
    private static final String PAGE = "SELECT p.id, p.code, p.site, a.allocated_at FROM participant p"
            + " JOIN allocation a ON a.participant_id = p.id"
            + " WHERE p.trial_id = ? AND p.code > ? AND p.status IN (" + String.join(", ", Collections.nCopies(ASSESSABLE.size(), "?"))
            + ") ORDER BY p.code LIMIT ?";

    private final JdbcOperations jdbc;

    WorklistQuery(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} who may be assessed, with codes after {@code afterCode} ("" for the first), by code. */
    List<Assessable> page(long trialId, String afterCode, int limit) {
        return jdbc.prepareStatement(PAGE, statement -> {
            int parameter = 1;
            statement.setLong(parameter++, trialId);
            statement.setString(parameter++, afterCode);
            for (String status : ASSESSABLE) {
                statement.setString(parameter++, status);
            }
            statement.setInt(parameter, limit);
            List<Assessable> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(4);
                    page.add(new Assessable(rows.getLong(1), rows.getString(2), rows.getString(3), at.toInstant()));
                }
            }
            return page;
        });
    }

    /** The "timepoint/instrument" entered for each participant of the trial, by participant id, from the report index. */
    Map<Long, Set<String>> entered(long trialId) {
        return jdbc.prepareStatement("SELECT participant_id, timepoint, instrument FROM assessment WHERE trial_id = ?",
                statement -> {
                    statement.setLong(1, trialId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return entered(rows);
                    }
                });
    }

    /** The "timepoint/instrument" entered for each of these participants of the trial, by participant id. */
    Map<Long, Set<String>> entered(long trialId, Collection<Long> participantIds) {
        if (participantIds.isEmpty()) {
            return new HashMap<>();
        }
        String sql = "SELECT participant_id, timepoint, instrument FROM assessment WHERE trial_id = ? AND participant_id IN ("
                + String.join(", ", Collections.nCopies(participantIds.size(), "?")) + ")";
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, trialId, participantIds);
            try (ResultSet rows = statement.executeQuery()) {
                return entered(rows);
            }
        });
    }

    /** Rows of participant id, timepoint and instrument, as "timepoint/instrument" by participant id. */
    private static Map<Long, Set<String>> entered(ResultSet rows) throws SQLException {
        Map<Long, Set<String>> entered = new HashMap<>();
        while (rows.next()) {
            entered.computeIfAbsent(rows.getLong(1), id -> new TreeSet<>()).add(rows.getString(2) + "/" + rows.getString(3));
        }
        return entered;
    }

    private static void bind(PreparedStatement statement, long trialId, Collection<Long> ids) throws SQLException {
        int parameter = 1;
        statement.setLong(parameter++, trialId);
        for (long id : ids) {
            statement.setLong(parameter++, id);
        }
    }
}
