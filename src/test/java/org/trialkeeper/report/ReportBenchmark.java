package org.trialkeeper.report;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.BenchmarkAllocations;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.trial.ProtocolSource;
import org.trialkeeper.trial.TrialService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Time to make the CONSORT report (read the snapshot from the database, compute every number,
 * draw the PDF) for a locked trial shaped like the seed trial with 1,000, 10,000 and 100,000
 * participants: three questionnaires at baseline and post-test each, dropouts, guesses and
 * attendance at eight sessions. The data are written straight into the embedded database
 * first; the timed part is what {@code GET .../reports/consort.pdf} does. Run with
 * {@code ./mvnw -Preport-benchmark -DskipTests test}; it is not a test and asserts nothing.
 */
public final class ReportBenchmark {

    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final int RUNS = 5;
    private static final int ROWS_PER_INSERT = 1000;

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().environments("test").start()) {
            TrialService trials = context.getBean(TrialService.class);
            ReportService reports = context.getBean(ReportService.class);
            SnapshotReader snapshots = context.getBean(SnapshotReader.class);
            TransactionOperations<?> transactions = context.getBean(TransactionOperations.class);
            DataSource pool = context.getBean(DataSource.class);
            DataSource jdbc = pool instanceof DelegatingDataSource d ? d.getTargetDataSource() : pool;
            Actor admin = new Actor(null, "benchmark", Role.ADMIN);
            System.out.println("participants | rows written | read ms | compute ms | pdf ms | total ms (best of " + RUNS
                    + ") | us per participant | growth");
            double previous = 0;
            for (int size : SIZES) {
                String yaml = ProtocolFiles.seedVariantYaml("report-benchmark-" + size, tree -> { });
                long trialId = trials.register(admin, new ProtocolSource(yaml, "application/yaml")).id();
                trials.changeStatus(admin, trialId, "RECRUITING");
                long rows = fill(jdbc, new BenchmarkAllocations(context), trialId, size);
                trials.changeStatus(admin, trialId, "FOLLOW_UP");
                trials.changeStatus(admin, trialId, "LOCKED");
                long[] best = null;
                for (int run = -2; run < RUNS; run++) {
                    long[] times = transactions.executeRead(status -> {
                        // what GET .../reports/consort.pdf does, in its read-only transaction, with the read timed apart
                        long start = System.nanoTime();
                        TrialSnapshot snapshot = snapshots.read(trialId);
                        long read = System.nanoTime();
                        ReportService.Document document = reports.compute(snapshot, Wording.CONSORT_2010, false);
                        long computed = System.nanoTime();
                        byte[] pdf = ConsortPdf.render(document);
                        long drawn = System.nanoTime();
                        if (pdf.length < 1000) {
                            throw new IllegalStateException("no report");
                        }
                        return new long[] {read - start, computed - read, drawn - computed, drawn - start};
                    });
                    if (run < 0) {
                        continue; // warming up
                    }
                    if (best == null || times[3] < best[3]) {
                        best = times;
                    }
                }
                double total = best[3] / 1e6;
                System.out.printf(Locale.ROOT, "%12d | %12d | %7.0f | %10.0f | %6.0f | %8.0f | %18.1f | %s%n", size, rows,
                        best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, total, total * 1000 / size,
                        previous == 0 ? "-" : String.format(Locale.ROOT, "x%.1f time for x10 participants", total / previous));
                previous = total;
            }
        }
        // the embedded server's process watcher is not a daemon thread; its shutdown hook stops the server
        System.exit(0);
    }

    /** Writes the participants and everything about them; answers how many rows. */
    private static long fill(DataSource jdbc, BenchmarkAllocations macs, long trialId, int size) throws SQLException {
        Random random = new Random(size);
        long rows = 0;
        try (Connection db = jdbc.getConnection(); Statement statement = db.createStatement()) {
            long firstId;
            List<String> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int kind = random.nextInt(20);
                String status = kind == 0 ? "INELIGIBLE" : kind == 1 ? "DECLINED" : kind == 2 ? "LOST_TO_FOLLOW_UP"
                        : kind == 3 ? "DISCONTINUED" : "RANDOMISED";
                values.add("(" + trialId + ",'B" + i + "','RAZI','{\"age\":" + (22 + random.nextInt(40)) + ",\"sex\":\""
                        + (random.nextBoolean() ? "female" : "male") + "\",\"marital\":\"single\",\"education\":\"bachelor\"}',"
                        + "'{}','" + (kind == 0 ? "I2" : "") + "','" + (kind == 1 ? "DECLINED" : "GIVEN") + "','" + status
                        + "',UTC_TIMESTAMP(6),UTC_TIMESTAMP(6))");
            }
            rows += insert(statement, "INSERT INTO participant (trial_id, code, site, baseline_json, eligibility_json,"
                    + " failed_criteria, consent, status, screened_at, updated_at) VALUES ", values);
            try (ResultSet first = statement.executeQuery("SELECT MIN(id) FROM participant WHERE trial_id = " + trialId)) {
                first.next();
                firstId = first.getLong(1);
            }
            List<String> allocations = new ArrayList<>();
            List<String> assessments = new ArrayList<>();
            List<String> events = new ArrayList<>();
            List<String> attendance = new ArrayList<>();
            try (ResultSet people = statement.executeQuery("SELECT id, status FROM participant WHERE trial_id = " + trialId
                    + " AND status NOT IN ('INELIGIBLE', 'DECLINED') ORDER BY id")) {
                int number = 0;
                while (people.next()) {
                    long id = people.getLong(1);
                    String status = people.getString(2);
                    number++;
                    boolean balint = random.nextBoolean();
                    String arm = balint ? "BALINT" : "WAITLIST";
                    allocations.add("(" + trialId + "," + id + "," + number + ",'all'," + number + ",'all','" + arm
                            + "','k" + id + "',UTC_TIMESTAMP(6),'" + macs.mac(trialId, id, number, "all", number, "all", arm,
                            "k" + id) + "')");
                    for (String timepoint : List.of("baseline", "post")) {
                        if (timepoint.equals("post") && status.equals("LOST_TO_FOLLOW_UP")) {
                            continue;
                        }
                        assessments.add(assessment(trialId, id, "QWL", timepoint, 35, 1, 5, random));
                        assessments.add(assessment(trialId, id, "CDRISC", timepoint, 25, 0, 4, random));
                        assessments.add(assessment(trialId, id, "CSS", timepoint, 30, 1, 5, random));
                    }
                    if (!status.equals("RANDOMISED")) {
                        events.add("(" + trialId + "," + id + ",'" + status + "',UTC_DATE(),'reason " + random.nextInt(4)
                                + "','post',UTC_TIMESTAMP(6))");
                    }
                    if (balint) {
                        for (int session = 1; session <= 8; session++) {
                            attendance.add("(" + trialId + "," + id + "," + session + "," + (random.nextInt(8) > 0)
                                    + ",UTC_TIMESTAMP(6))");
                        }
                    }
                }
            }
            rows += insert(statement, "INSERT INTO allocation (trial_id, participant_id, number, stratum, position,"
                    + " factor_levels, arm, idempotency_key, allocated_at, mac) VALUES ", allocations);
            rows += insert(statement, "INSERT INTO assessment (trial_id, participant_id, instrument, timepoint, responses_json,"
                    + " total, scores_json, guess, entered_at, version) VALUES ", assessments);
            rows += insert(statement, "INSERT INTO follow_up_event (trial_id, participant_id, kind, occurred_on, reason,"
                    + " timepoint, recorded_at) VALUES ", events);
            rows += insert(statement, "INSERT INTO attendance (trial_id, participant_id, session, present, recorded_at) VALUES ",
                    attendance);
            if (firstId <= 0) {
                throw new IllegalStateException("no participants written");
            }
        }
        return rows;
    }

    private static String assessment(long trialId, long id, String instrument, String timepoint, int items, int min, int max,
                                     Random random) {
        StringJoiner responses = new StringJoiner(",", "[", "]");
        int total = 0;
        for (int item = 0; item < items; item++) {
            int value = min + random.nextInt(max - min + 1);
            total += value;
            responses.add(Integer.toString(value));
        }
        String scores = "{\"total\":{\"value\":" + total + ".0,\"prorated\":false},\"subscales\":{}}";
        String guess = timepoint.equals("post") && instrument.equals("QWL")
                ? "'" + List.of("intervention", "control", "dont-know").get(random.nextInt(3)) + "'" : "NULL";
        return "(" + trialId + "," + id + ",'" + instrument + "','" + timepoint + "','" + responses + "'," + total + ",'"
                + scores + "'," + guess + ",UTC_TIMESTAMP(6),1)";
    }

    private static long insert(Statement statement, String prefix, List<String> values) throws SQLException {
        for (int from = 0; from < values.size(); from += ROWS_PER_INSERT) {
            statement.executeUpdate(prefix + String.join(",", values.subList(from, Math.min(values.size(), from + ROWS_PER_INSERT))));
        }
        return values.size();
    }
}
