package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.support.LoadAverage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Randomisation over HTTP as a coordinator's client sees it, at 1, 8 and 32 concurrent clients,
 * beside the bound of the same serialised work done with plain JDBC on the same database in the
 * same run (see {@link BareAllocationBound}); then the same clients spread over 16 trials beside
 * one trial; then one trial's latency while a 100,000-participant trial opens recruitment. All of
 * it twice: on the embedded default, which keeps no binary log, and on a server that keeps one
 * and syncs it at every commit (see {@link BinlogMariaDb}), as a MySQL 8.4 production server
 * does, since a commit there costs a second flush. Run with
 * {@code ./mvnw -Pbenchmark -DskipTests test}; it is not a test and asserts nothing, but it exits
 * with a non-zero status as soon as anything in it fails. With {@code -Dbenchmark.part=one-client}
 * it measures only one client on one trial, after the same warm-up, on the embedded default:
 * a few minutes less, for comparing two versions of the request path.
 */
public final class RandomisationBenchmark {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final int TRIALS = 16;
    private static final int OPERATIONS = 1600;
    // enough for the JIT compiler to be done with the request path before the first measurement
    private static final int WARM_UP = 960;
    private static final int LARGE_TRIAL = 100_000;
    private static final boolean ONE_CLIENT_ONLY = "one-client".equals(System.getProperty("benchmark.part"));

    public static void main(String[] args) {
        int status = 1;
        try {
            run();
            status = 0;
        } catch (Throwable failure) {
            failure.printStackTrace();
        } finally {
            // the embedded server's process watcher is not a daemon thread; its shutdown hook stops the server
            System.exit(status);
        }
    }

    private static void run() throws Exception {
        measure("without a binary log (the embedded default)", Map.of());
        if (ONE_CLIENT_ONLY) {
            return;
        }
        try (BinlogMariaDb binlog = BinlogMariaDb.start()) {
            measure("with a binary log synced at every commit", binlog.datasource("trialkeeper_bench"));
        }
    }

    private static void measure(String label, Map<String, Object> datasource) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, datasource, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            ServiceOverHttp service = new ServiceOverHttp(http, server.getURI());
            DataSource pool = server.getApplicationContext().getBean(DataSource.class);
            // the pool itself, not the service's view of it, which hands out only its transactions' connections
            DataSource jdbc = pool instanceof DelegatingDataSource d ? d.getTargetDataSource() : pool;
            BareAllocationBound bare = new BareAllocationBound(jdbc, 1 + TRIALS);
            int perTrial = CLIENTS.length * OPERATIONS / TRIALS + WARM_UP / TRIALS;
            long one = service.recruitingTrial(WARM_UP + (CLIENTS.length + 2) * OPERATIONS);
            if (ONE_CLIENT_ONLY) {
                measureOneClient(service, bare, one, jdbc);
                return;
            }
            long[] many = new long[TRIALS];
            for (int t = 0; t < TRIALS; t++) {
                many[t] = service.recruitingTrial(perTrial);
                service.screen(many[t], perTrial);
                bare.enrol(1 + t, perTrial);
            }
            warmUp(service, bare, one);
            ClientLoad.run(TRIALS, TRIALS, WARM_UP, service.over(many));
            ClientLoad.run(TRIALS, TRIALS, WARM_UP, bare.over(1, TRIALS));
            System.out.printf("%n== %s: %s%n", label, durability(jdbc));
            System.out.printf("%d cores, load average %s, %d randomisations a measurement, bound: plain JDBC on the"
                    + " same database, one allocation a transaction%n", Runtime.getRuntime().availableProcessors(),
                    LoadAverage.now(), OPERATIONS);
            ClientLoad.Result[][] results = new ClientLoad.Result[CLIENTS.length][];
            double[] statements = new double[2];
            for (int i = 0; i < CLIENTS.length; i++) {
                int clients = CLIENTS[i];
                long[] questions = {questions(jdbc), 0, 0};
                ClientLoad.Result viaHttp = ClientLoad.run(clients, 1, OPERATIONS, service.over(one));
                questions[1] = questions(jdbc);
                ClientLoad.Result bound = ClientLoad.run(clients, 1, OPERATIONS, bare.over(0, 1));
                questions[2] = questions(jdbc);
                if (i == 0) {
                    // less the one SHOW GLOBAL STATUS that each count takes itself
                    statements[0] = (questions[1] - questions[0] - 1) / (double) OPERATIONS;
                    statements[1] = (questions[2] - questions[1] - 1) / (double) OPERATIONS;
                }
                results[i] = new ClientLoad.Result[]{viaHttp, bound,
                        ClientLoad.run(clients, TRIALS, OPERATIONS, service.over(many)),
                        ClientLoad.run(clients, TRIALS, OPERATIONS, bare.over(1, TRIALS))};
            }
            printAgainstBound(results);
            System.out.printf("statements a randomisation at %d client, from the server's Questions count: HTTP %.1f,"
                    + " bare JDBC %.1f%n", CLIENTS[0], statements[0], statements[1]);
            printTrialsSideBySide(results);
            printDuringLargeOpening(service, one);
            System.out.printf("load average at the end %s%n", LoadAverage.now());
        }
    }

    /** Screens trial A's participants and enrols the bound's, then warms both up at 8 clients. */
    private static void warmUp(ServiceOverHttp service, BareAllocationBound bare, long one) throws Exception {
        service.screen(one, WARM_UP + (CLIENTS.length + 2) * OPERATIONS);
        bare.enrol(0, WARM_UP + CLIENTS.length * OPERATIONS);
        ClientLoad.run(8, 1, WARM_UP, service.over(one));
        ClientLoad.run(8, 1, WARM_UP, bare.over(0, 1));
    }

    private static void measureOneClient(ServiceOverHttp service, BareAllocationBound bare, long trial,
                                         DataSource jdbc) throws Exception {
        warmUp(service, bare, trial);
        System.out.printf("%n== one client only, without a binary log: %s%n%d cores, load average %s%n",
                durability(jdbc), Runtime.getRuntime().availableProcessors(), LoadAverage.now());
        long before = questions(jdbc);
        ClientLoad.Result viaHttp = ClientLoad.run(1, 1, OPERATIONS, service.over(trial));
        long between = questions(jdbc);
        ClientLoad.Result bound = ClientLoad.run(1, 1, OPERATIONS, bare.over(0, 1));
        System.out.printf("one trial | 1 | HTTP %.0f/s, p50 %.2f ms, p99 %.2f ms, errors %d | bare %.0f/s, p50 %.2f ms,"
                        + " p99 %.2f ms, errors %d | p50 HTTP / bare %.2f%n", viaHttp.perSecond(), viaHttp.p50(),
                viaHttp.p99(), viaHttp.errors(), bound.perSecond(), bound.p50(), bound.p99(), bound.errors(),
                viaHttp.p50() / bound.p50());
        System.out.printf("statements a randomisation, from the server's Questions count: HTTP %.1f%n",
                (between - before - 1) / (double) OPERATIONS);
        System.out.printf("load average at the end %s%n", LoadAverage.now());
    }

    private static void printAgainstBound(ClientLoad.Result[][] results) {
        System.out.println();
        System.out.println("one trial | clients | HTTP randomisations/s | p50 ms | p99 ms | errors"
                + " | CPU idle | bare JDBC ops/s | p50 ms | p99 ms | errors | CPU idle | HTTP / bare");
        for (int i = 0; i < CLIENTS.length; i++) {
            ClientLoad.Result http = results[i][0];
            ClientLoad.Result bare = results[i][1];
            System.out.printf("one trial | %d | %.0f | %.2f | %.2f | %d | %.0f%% | %.0f | %.2f | %.2f | %d | %.0f%% | %.2f%n",
                    CLIENTS[i], http.perSecond(), http.p50(), http.p99(), http.errors(), 100 * http.idle(),
                    bare.perSecond(), bare.p50(), bare.p99(), bare.errors(), 100 * bare.idle(),
                    http.perSecond() / bare.perSecond());
        }
    }

    private static void printTrialsSideBySide(ClientLoad.Result[][] results) {
        System.out.println();
        System.out.printf("%d trials | clients | HTTP randomisations/s | p50 ms | p99 ms | errors | CPU idle | %d trials / one"
                + " | bare JDBC ops/s | errors | CPU idle | bare %d trials / one | HTTP / bare%n", TRIALS, TRIALS, TRIALS);
        for (int i = 0; i < CLIENTS.length; i++) {
            ClientLoad.Result http = results[i][2];
            ClientLoad.Result bare = results[i][3];
            System.out.printf("%d trials | %d | %.0f | %.2f | %.2f | %d | %.0f%% | %.2f | %.0f | %d | %.0f%% | %.2f | %.2f%n",
                    TRIALS, CLIENTS[i], http.perSecond(), http.p50(), http.p99(), http.errors(), 100 * http.idle(),
                    http.perSecond() / results[i][0].perSecond(), bare.perSecond(), bare.errors(), 100 * bare.idle(),
                    bare.perSecond() / results[i][1].perSecond(), http.perSecond() / bare.perSecond());
        }
    }

    /**
     * Trial A's 8 clients alone, then while another trial of 100,000 participants opens recruitment
     * screens and randomises its first participant (which derives its lists for 100,000).
     */
    private static void printDuringLargeOpening(ServiceOverHttp service, long trialA) throws Exception {
        long large = service.register(LARGE_TRIAL);
        ClientLoad.Result alone = ClientLoad.run(8, 1, OPERATIONS, service.over(trialA));
        long began = System.nanoTime();
        CompletableFuture<Double> opening = CompletableFuture.supplyAsync(() -> {
            service.openRecruitment(large);
            try {
                service.screen(large, 1);
                if (!service.over(large).allocate(0)) {
                    throw new IllegalStateException("the large trial's first randomisation was refused");
                }
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
            return (System.nanoTime() - began) / 1e9;
        });
        ClientLoad.Result during = ClientLoad.run(8, 1, OPERATIONS, service.over(trialA));
        double openedIn = opening.get();
        System.out.println();
        System.out.println("trial A, 8 clients | randomisations/s | p50 ms | p99 ms | errors | run s"
                + " | opening, first screening and randomisation s");
        System.out.printf("alone | %.0f | %.2f | %.2f | %d | %.1f | -%n", alone.perSecond(), alone.p50(), alone.p99(),
                alone.errors(), alone.seconds());
        System.out.printf("while a %,d-participant trial opens, screens and randomises | %.0f | %.2f | %.2f | %d | %.1f | %.1f%n",
                LARGE_TRIAL, during.perSecond(), during.p50(), during.p99(), during.errors(), during.seconds(), openedIn);
    }

    /** The statements the server has been sent so far, by every client. */
    private static long questions(DataSource pool) throws SQLException {
        try (Connection db = pool.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            row.next();
            return row.getLong(2);
        }
    }

    /** What the server does at each commit, as it says itself. */
    private static String durability(DataSource pool) throws SQLException {
        try (Connection db = pool.getConnection(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT @@version, @@log_bin, @@sync_binlog, @@innodb_flush_log_at_trx_commit")) {
            row.next();
            return String.format("MariaDB %s, log_bin=%s, sync_binlog=%s, innodb_flush_log_at_trx_commit=%s",
                    row.getString(1), row.getString(2), row.getString(3), row.getString(4));
        }
    }

}
