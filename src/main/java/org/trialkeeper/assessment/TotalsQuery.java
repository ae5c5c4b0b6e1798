package org.trialkeeper.assessment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The totals of chosen (timepoint, instrument) pairs for every participant with any assessment,
 * grouped by the database: one row per participant however many assessments there are.
 */
@Singleton
class TotalsQuery {

    private final JdbcOperations jdbc;

    TotalsQuery(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The guess is the one given with the first pair's assessment, else any other. */
    Map<Long, AssessmentService.Totals> totals(long trialId, List<String[]> wanted) {
        return jdbc.prepareStatement(sql(wanted.size()), statement -> {
            bind(statement, trialId, wanted);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows, wanted.size());
            }
        });
    }

    /** A column of totals for each pair, then the guess of the first pair's assessment, then any guess. */
    private static String sql(int pairs) {
        StringBuilder sql = new StringBuilder("SELECT participant_id");
        for (int i = 0; i <= pairs; i++) {
            sql.append(", MAX(CASE WHEN timepoint = ? AND instrument = ? THEN ").append(i < pairs ? "total" : "guess")
                    .append(" END)");
        }
        return sql.append(", MAX(guess) FROM assessment WHERE trial_id = ? GROUP BY participant_id").toString();
    }

    private static void bind(PreparedStatement statement, long trialId, List<String[]> wanted) throws SQLException {
        int parameter = 1;
        for (int i = 0; i <= wanted.size(); i++) {
            String[] pair = i < wanted.size() ? wanted.get(i) : wanted.get(0);
            statement.setString(parameter++, pair[0]);
            statement.setString(parameter++, pair[1]);
        }
        statement.setLong(parameter, trialId);
    }

    private static Map<Long, AssessmentService.Totals> read(ResultSet rows, int pairs) throws SQLException {
        Map<Long, AssessmentService.Totals> totals = new HashMap<>();
        while (rows.next()) {
            Double[] values = new Double[pairs];
            for (int i = 0; i < values.length; i++) {
                double value = rows.getDouble(i + 2);
                values[i] = rows.wasNull() ? null : value;
            }
            String guess = rows.getString(pairs + 2);
            totals.put(rows.getLong(1), new AssessmentService.Totals(values, guess != null ? guess : rows.getString(pairs + 3)));
        }
        return totals;
    }
}
