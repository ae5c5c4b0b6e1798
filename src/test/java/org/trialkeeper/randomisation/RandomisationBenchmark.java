package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.trial.ProtocolSource;
import org.trialkeeper.trial.TrialService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Randomisation throughput and latency at 1, 8 and 32 concurrent clients, beside the bound of
 * the same serialised work done with bare JDBC on the same database and pool in the same run:
 * lock a cursor row, insert an allocation, advance the cursor, commit. Run with
 * {@code ./mvnw -Pbenchmark -DskipTests test}; it is not a test and asserts nothing.
 */
public final class RandomisationBenchmark {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final int OPERATIONS = 800;
    private static final int WARM_UP = 200;

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().environments("test").start()) {
            TrialService trials = context.getBean(TrialService.class);
            RandomisationService randomisation = context.getBean(RandomisationService.class);
            DataSource pool = context.getBean(DataSource.class);
            DataSource jdbc = pool instanceof DelegatingDataSource d ? d.getTargetDataSource() : pool;
            Actor coordinator = new Actor(null, "benchmark", Role.COORDINATOR);
            Actor admin = new Actor(null, "benchmark", Role.ADMIN);
            prepareBareTables(jdbc);

            System.out.println("clients | randomisations/s | p50 ms | p99 ms | bare JDBC ops/s | p50 ms | p99 ms | ratio"
                    + " | statements per op (service / bare)");
            for (int clients : CLIENTS) {
                long trialId = recruitingTrial(trials, admin, clients);
                List<Long> participants = enrolled(jdbc, trialId, WARM_UP + OPERATIONS);
                run(1, participants.subList(0, WARM_UP), p -> randomisation.randomise(coordinator, trialId, p, "warm-key-" + p));
                long before = questions(jdbc);
                Result service = run(clients, participants.subList(WARM_UP, participants.size()),
                        p -> randomisation.randomise(coordinator, trialId, p, "bench-key-" + p));
                double serviceStatements = (questions(jdbc) - before - 1) / (double) OPERATIONS;
                resetBare(jdbc);
                run(1, sequence(WARM_UP), p -> bareAllocation(jdbc, p));
                resetBare(jdbc);
                before = questions(jdbc);
                Result bare = run(clients, sequence(OPERATIONS), p -> bareAllocation(jdbc, p));
                double bareStatements = (questions(jdbc) - before - 1) / (double) OPERATIONS;
                System.out.printf("%7d | %16.0f | %6.2f | %6.2f | %15.0f | %6.2f | %6.2f | %5.2f | %.1f / %.1f%n", clients,
                        service.perSecond(), service.p50(), service.p99(), bare.perSecond(), bare.p50(), bare.p99(),
                        service.perSecond() / bare.perSecond(), serviceStatements, bareStatements);
            }
        }
        // the embedded server's process watcher is not a daemon thread; its shutdown hook stops the server
        System.exit(0);
    }

    private interface Operation {
        void apply(long participant) throws Exception;
    }

    private record Result(double perSecond, double p50, double p99) {
    }

    private static Result run(int clients, List<Long> work, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[work.size()];
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Callable<Object> client = () -> {
                start.await();
                for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    operation.apply(work.get(i));
                    latencies[i] = System.nanoTime() - began;
                }
                return null;
            };
            futures.add(pool.submit(client));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<Object> future : futures) {
            future.get();
        }
        long elapsed = System.nanoTime() - began;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(work.size() / (elapsed / 1e9), latencies[latencies.length / 2] / 1e6,
                latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6);
    }

    private static long recruitingTrial(TrialService trials, Actor admin, int clients) {
        String yaml = ProtocolFiles.seedVariantYaml("benchmark-" + clients + "-" + System.nanoTime(),
                tree -> tree.put("targetSampleSize", WARM_UP + OPERATIONS));
        long trialId = trials.register(admin, new ProtocolSource(yaml, "application/yaml")).id();
        trials.changeStatus(admin, trialId, "RECRUITING");
        return trialId;
    }

    private static List<Long> enrolled(DataSource jdbc, long trialId, int count) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection db = jdbc.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO participant (trial_id, code, site, baseline_json,"
                     + " eligibility_json, failed_criteria, consent, status, screened_at, updated_at) VALUES (?, ?, 'RAZI',"
                     + " '{\"age\":30,\"sex\":\"female\",\"marital\":\"single\",\"education\":\"bachelor\"}', '{}', '',"
                     + " 'GIVEN', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < count; i++) {
                insert.setLong(1, trialId);
                insert.setString(2, "B-" + i);
                insert.setString(3, ParticipantStatus.ENROLLED.name());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void prepareBareTables(DataSource jdbc) throws SQLException {
        try (Connection db = jdbc.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_cursor (id INT PRIMARY KEY, next_position INT NOT NULL) ENGINE=InnoDB");
            statement.execute("CREATE TABLE IF NOT EXISTS bench_allocation (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " participant BIGINT NOT NULL UNIQUE, position INT NOT NULL UNIQUE, arm VARCHAR(32) NOT NULL) ENGINE=InnoDB");
        }
    }

    private static void resetBare(DataSource jdbc) throws SQLException {
        try (Connection db = jdbc.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("DELETE FROM bench_allocation");
            statement.execute("REPLACE INTO bench_cursor (id, next_position) VALUES (1, 1)");
        }
    }

    /** The bound: the locked read, the insert and the commit that any allocation needs at the least. */
    private static void bareAllocation(DataSource jdbc, long participant) throws SQLException {
        try (Connection db = jdbc.getConnection()) {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            int position;
            try (PreparedStatement lock = db.prepareStatement("SELECT next_position FROM bench_cursor WHERE id = 1 FOR UPDATE");
                 ResultSet row = lock.executeQuery()) {
                row.next();
                position = row.getInt(1);
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO bench_allocation (participant, position, arm) VALUES (?, ?, 'BALINT')")) {
                insert.setLong(1, participant);
                insert.setInt(2, position);
                insert.executeUpdate();
            }
            try (PreparedStatement advance = db.prepareStatement("UPDATE bench_cursor SET next_position = ? WHERE id = 1")) {
                advance.setInt(1, position + 1);
                advance.executeUpdate();
            }
            db.commit();
        }
    }

    /** Statements the server has received so far, from any client. */
    private static long questions(DataSource jdbc) throws SQLException {
        try (Connection db = jdbc.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            row.next();
            return row.getLong(2);
        }
    }

    private static List<Long> sequence(int count) {
        List<Long> ids = new ArrayList<>();
        AtomicLong next = new AtomicLong(System.nanoTime());
        for (int i = 0; i < count; i++) {
            ids.add(next.incrementAndGet());
        }
        return ids;
    }
}
