package org.trialkeeper.assessment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.database.StreamedRows;

import java.util.function.Consumer;

/**
 * Every assessment's scores as they were computed at entry, streamed in participant order, so
 * that an export of a hundred thousand participants holds one row at a time.
 */
@Singleton
class ScoresQuery {

    private final JdbcOperations jdbc;
    private final AssessmentJson json;

    ScoresQuery(JdbcOperations jdbc, AssessmentJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void scores(long trialId, Consumer<AssessmentService.Scorecard> each) {
        StreamedRows.of(jdbc, "SELECT participant_id, timepoint, instrument, scores_json FROM assessment"
                + " WHERE trial_id = ? ORDER BY participant_id, id", trialId, row -> each.accept(
                new AssessmentService.Scorecard(row.getLong(1), row.getString(2), row.getString(3),
                        json.scores(row.getString(4)))));
    }
}
