package org.trialkeeper.report;

import org.trialkeeper.randomisation.BenchmarkAllocations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Writes a recruiting trial's participants straight into the database, shaped like the seed
 * trial: a twentieth each ineligible, declined, lost to follow-up and discontinued, the rest
 * randomised; three questionnaires at baseline and post each (none at post for the lost),
 * a guess with the post QWL, a reason for every dropout, and attendance at eight sessions in the
 * intervention arm. A million participants are eleven million rows, so they go a chunk at a time,
 * as batches the driver sends as multi-row INSERTs, each chunk one transaction: memory stays
 * bounded by the chunk and the server flushes its log once a chunk, not once a row.
 */
final class LargeTrial {

    private static final int CHUNK = 5_000;
    private static final List<String> GUESSES = List.of("intervention", "control", "dont-know");

    private final DataSource jdbc;
    private final BenchmarkAllocations macs;

    LargeTrial(DataSource jdbc, BenchmarkAllocations macs) {
        this.jdbc = jdbc;
        this.macs = macs;
    }

    /** Writes the participants and everything about them; answers how many rows. */
    long fill(long trialId, int size) throws SQLException {
        Random random = new Random(size);
        long rows = 0;
        try (Connection db = jdbc.getConnection()) {
            db.setAutoCommit(false);
            try (Rows rowsOf = new Rows(db)) {
                int number = 0;
                for (int from = 0; from < size; from += CHUNK) {
                    List<String> statuses = new ArrayList<>();
                    for (int i = from; i < Math.min(size, from + CHUNK); i++) {
                        statuses.add(rowsOf.participant(trialId, "B" + i, random));
                    }
                    long[] ids = rowsOf.participantIds(statuses.size());
                    for (int i = 0; i < ids.length; i++) {
                        String status = statuses.get(i);
                        if (!status.equals("INELIGIBLE") && !status.equals("DECLINED")) {
                            rows += rowsOf.randomised(trialId, ids[i], ++number, status, random);
                        }
                    }
                    rowsOf.flush();
                    rows += ids.length;
                    db.commit();
                }
            } finally {
                db.setAutoCommit(true);
            }
        }
        return rows;
    }

    /** The statements of one fill, each batched until the chunk is flushed. */
    private final class Rows implements AutoCloseable {

        private final PreparedStatement participants;
        private final PreparedStatement allocations;
        private final PreparedStatement assessments;
        private final PreparedStatement events;
        private final PreparedStatement attendance;

        Rows(Connection db) throws SQLException {
            participants = db.prepareStatement("INSERT INTO participant (trial_id, code, site, baseline_json,"
                    + " eligibility_json, failed_criteria, consent, status, screened_at, updated_at)"
                    + " VALUES (?, ?, 'RAZI', ?, '{}', ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
                    Statement.RETURN_GENERATED_KEYS);
            allocations = db.prepareStatement("INSERT INTO allocation (trial_id, participant_id, number, stratum,"
                    + " position, factor_levels, arm, idempotency_key, allocated_at, mac)"
                    + " VALUES (?, ?, ?, 'all', ?, 'all', ?, ?, UTC_TIMESTAMP(6), ?)");
            assessments = db.prepareStatement("INSERT INTO assessment (trial_id, participant_id, instrument, timepoint,"
                    + " responses_json, total, scores_json, guess, entered_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), 1)");
            events = db.prepareStatement("INSERT INTO follow_up_event (trial_id, participant_id, kind, occurred_on,"
                    + " reason, timepoint, recorded_at) VALUES (?, ?, ?, UTC_DATE(), ?, 'post', UTC_TIMESTAMP(6))");
            attendance = db.prepareStatement("INSERT INTO attendance (trial_id, participant_id, session, present,"
                    + " recorded_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))");
        }

        /** Batches one person screened; answers their status. */
        String participant(long trialId, String code, Random random) throws SQLException {
            int kind = random.nextInt(20);
            String status = kind == 0 ? "INELIGIBLE" : kind == 1 ? "DECLINED" : kind == 2 ? "LOST_TO_FOLLOW_UP"
                    : kind == 3 ? "DISCONTINUED" : "RANDOMISED";
            participants.setLong(1, trialId);
            participants.setString(2, code);
            participants.setString(3, "{\"age\":" + (22 + random.nextInt(40)) + ",\"sex\":\""
                    + (random.nextBoolean() ? "female" : "male") + "\",\"marital\":\"single\",\"education\":\"bachelor\"}");
            participants.setString(4, kind == 0 ? "I2" : "");
            participants.setString(5, kind == 1 ? "DECLINED" : "GIVEN");
            participants.setString(6, status);
            participants.addBatch();
            return status;
        }

        /** Writes the batched participants; answers their ids, in the order they were batched. */
        long[] participantIds(int count) throws SQLException {
            participants.executeBatch();
            long[] ids = new long[count];
            try (ResultSet keys = participants.getGeneratedKeys()) {
                for (int i = 0; i < count; i++) {
                    if (!keys.next()) {
                        throw new IllegalStateException("fewer participant ids than participants written");
                    }
                    ids[i] = keys.getLong(1);
                }
            }
            return ids;
        }

        /** Batches a randomised participant's allocation, assessments, dropout and attendance; answers how many rows. */
        int randomised(long trialId, long id, int number, String status, Random random) throws SQLException {
            String arm = random.nextBoolean() ? "BALINT" : "WAITLIST";
            allocations.setLong(1, trialId);
            allocations.setLong(2, id);
            allocations.setInt(3, number);
            allocations.setInt(4, number);
            allocations.setString(5, arm);
            allocations.setString(6, "k" + id);
            allocations.setString(7, macs.mac(trialId, id, number, "all", number, "all", arm, "k" + id));
            allocations.addBatch();
            int rows = 1;
            for (String timepoint : List.of("baseline", "post")) {
                if (timepoint.equals("post") && status.equals("LOST_TO_FOLLOW_UP")) {
                    continue;
                }
                assessment(trialId, id, "QWL", timepoint, 35, 1, 5, random);
                assessment(trialId, id, "CDRISC", timepoint, 25, 0, 4, random);
                assessment(trialId, id, "CSS", timepoint, 30, 1, 5, random);
                rows += 3;
            }
            if (!status.equals("RANDOMISED")) {
                events.setLong(1, trialId);
                events.setLong(2, id);
                events.setString(3, status);
                events.setString(4, "reason " + random.nextInt(4));
                events.addBatch();
                rows++;
            }
            if (arm.equals("BALINT")) {
                for (int session = 1; session <= 8; session++) {
                    attendance.setLong(1, trialId);
                    attendance.setLong(2, id);
                    attendance.setInt(3, session);
                    attendance.setBoolean(4, random.nextInt(8) > 0);
                    attendance.addBatch();
                }
                rows += 8;
            }
            return rows;
        }

        private void assessment(long trialId, long id, String instrument, String timepoint, int items, int min, int max,
                                Random random) throws SQLException {
            StringJoiner responses = new StringJoiner(",", "[", "]");
            int total = 0;
            for (int item = 0; item < items; item++) {
                int value = min + random.nextInt(max - min + 1);
                total += value;
                responses.add(Integer.toString(value));
            }
            assessments.setLong(1, trialId);
            assessments.setLong(2, id);
            assessments.setString(3, instrument);
            assessments.setString(4, timepoint);
            assessments.setString(5, responses.toString());
            assessments.setDouble(6, total);
            assessments.setString(7, "{\"total\":{\"value\":" + total + ".0,\"prorated\":false},\"subscales\":{}}");
            assessments.setString(8, timepoint.equals("post") && instrument.equals("QWL")
                    ? GUESSES.get(random.nextInt(GUESSES.size())) : null);
            assessments.addBatch();
        }

        /** Writes what the chunk's participants batched; the participants themselves went first, for their ids. */
        void flush() throws SQLException {
            for (PreparedStatement statement : List.of(allocations, assessments, events, attendance)) {
                statement.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : List.of(participants, allocations, assessments, events, attendance)) {
                statement.close();
            }
        }
    }
}
