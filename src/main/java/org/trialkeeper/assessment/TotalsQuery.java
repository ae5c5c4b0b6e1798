package org.trialkeeper.assessment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The totals of chosen (timepoint, instrument) pairs for every participant with any assessment.
 * The rows come from the covering index in participant order and are streamed, one
 * participant's assessments gathered at a time: asking the database to pivot them (a
 * {@code MAX(CASE ...)} per pair) costs it twice as long as sending them, since it compares
 * every pair's texts on every row.
 */
@Singleton
class TotalsQuery {

    private final JdbcOperations jdbc;

    TotalsQuery(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each participant's totals, in participant order; the guess is the one given with the first
     * pair's assessment, else the one given with the earliest entered of the others (the lowest
     * id), as {@link AssessmentService#scores} readers choose it.
     */
    void totals(long trialId, List<String[]> wanted, BiConsumer<Long, AssessmentService.Totals> each) {
        jdbc.prepareStatement("SELECT participant_id, timepoint, instrument, total, guess, id FROM assessment"
                + " WHERE trial_id = ? ORDER BY participant_id", statement -> {
            statement.setLong(1, trialId);
            // Connector/J's sign to stream the rows instead of reading them all first
            statement.setFetchSize(Integer.MIN_VALUE);
            Participant current = null;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    if (current == null || current.id != id) {
                        if (current != null) {
                            each.accept(current.id, current.totals());
                        }
                        current = new Participant(id, new Double[wanted.size()]);
                    }
                    // wasNull speaks of the column read last, so it is asked right after the total
                    double read = rows.getDouble(4);
                    Double total = rows.wasNull() ? null : read;
                    current.add(pair(wanted, rows.getString(2), rows.getString(3)), total, rows.getString(5),
                            rows.getLong(6));
                }
            }
            if (current != null) {
                each.accept(current.id, current.totals());
            }
            return null;
        });
    }

    private static int pair(List<String[]> wanted, String timepoint, String instrument) {
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i)[0].equals(timepoint) && wanted.get(i)[1].equals(instrument)) {
                return i;
            }
        }
        return -1;
    }

    /** One participant's assessments as they are gathered. */
    private static final class Participant {
        private final long id;
        private final Double[] values;
        private String firstPairGuess;
        private String earliestGuess;
        private long earliestGuessId = Long.MAX_VALUE;

        Participant(long id, Double[] values) {
            this.id = id;
            this.values = values;
        }

        void add(int pair, Double total, String guess, long assessmentId) {
            if (pair >= 0 && total != null) {
                values[pair] = values[pair] == null ? total : Math.max(values[pair], total);
            }
            if (guess != null) {
                if (pair == 0) {
                    firstPairGuess = guess;
                }
                if (assessmentId < earliestGuessId) {
                    earliestGuess = guess;
                    earliestGuessId = assessmentId;
                }
            }
        }

        AssessmentService.Totals totals() {
            return new AssessmentService.Totals(values, firstPairGuess != null ? firstPairGuess : earliestGuess);
        }
    }
}
