package org.trialkeeper.followup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.database.StreamedRows;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * A whole trial's follow-up for a report, passed on as the rows arrive: with a million
 * participants, entities or a map by participant would hold them all at once, and mapping
 * entities costs more than reading the few columns a report needs.
 */
@Singleton
class FollowUpRows {

    private final JdbcOperations jdbc;

    FollowUpRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Each participant's events, oldest first, participant after participant in the order of the trial's index. */
    void events(long trialId, BiConsumer<Long, FollowUpService.Recorded> each) {
        Map<String, String> reasons = new HashMap<>();
        StreamedRows.of(jdbc, "SELECT participant_id, kind, reason FROM follow_up_event WHERE trial_id = ?"
                + " ORDER BY participant_id, id", trialId, row -> each.accept(row.getLong(1),
                new FollowUpService.Recorded(EventKind.valueOf(row.getString(2)),
                        reasons.computeIfAbsent(row.getString(3), reason -> reason))));
    }

    /** Sessions attended by each participant with attendance recorded, from the covering index. */
    void sessionsAttended(long trialId, ObjIntConsumer<Long> each) {
        StreamedRows.of(jdbc, "SELECT participant_id, SUM(present) FROM attendance WHERE trial_id = ?"
                + " GROUP BY participant_id", trialId, row -> each.accept(row.getLong(1), row.getInt(2)));
    }
}
