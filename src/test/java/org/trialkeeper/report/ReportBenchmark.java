package org.trialkeeper.report;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.BenchmarkAllocations;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.LoadAverage;
import org.trialkeeper.trial.ProtocolSource;
import org.trialkeeper.trial.TrialService;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Time and heap to make the CONSORT report of a locked trial shaped like the seed trial with
 * 1,000, 10,000, 100,000 and 1,000,000 participants (see {@link LargeTrial}). In process, each
 * phase of what {@code GET .../reports/consort.pdf} does is timed apart (read the snapshot,
 * compute every number, draw the PDF), best of several runs after warming up; then the route
 * itself is asked once, over HTTP with an administrator's bearer token, as a client sees it.
 * Run with {@code ./mvnw -Preport-benchmark -DskipTests test}, whose JVM has a 1 GB heap: that
 * the largest trial's report is made at all shows it needs no more. It asserts nothing, but
 * exits non-zero when a report fails.
 */
public final class ReportBenchmark {

    private static final int[] SIZES = {1_000, 10_000, 100_000, 1_000_000};
    private static final int WARM_UP = 2;

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args.length == 0 ? SIZES : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray());
            status = 0;
        } catch (Throwable failure) {
            failure.printStackTrace();
        } finally {
            // the embedded server's process watcher is not a daemon thread; its shutdown hook stops the server
            System.exit(status);
        }
    }

    /** @param sizes the trials' sizes, in participants: all four unless others are given on the command line */
    private static void run(int[] sizes) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            ApplicationContext context = server.getApplicationContext();
            TrialService trials = context.getBean(TrialService.class);
            DataSource pool = context.getBean(DataSource.class);
            LargeTrial writer = new LargeTrial(pool instanceof DelegatingDataSource d ? d.getTargetDataSource() : pool,
                    new BenchmarkAllocations(context));
            Phases phases = new Phases(context.getBean(SnapshotReader.class), context.getBean(ReportService.class),
                    context.getBean(TransactionOperations.class));
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            Actor admin = new Actor(null, "benchmark", Role.ADMIN);
            HeapWatch heap = new HeapWatch();
            System.out.printf("%d cores, -Xmx %d MB, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    HeapWatch.maximumMegabytes(), LoadAverage.now());
            System.out.println("participants | rows written | fill s | read ms | compute ms | pdf ms | total ms | runs"
                    + " | over HTTP ms | us per participant | growth | heap used MB | heap after GC MB");
            double previous = 0;
            for (int size : sizes) {
                String yaml = ProtocolFiles.seedVariantYaml("report-benchmark-" + size, tree -> { });
                long trialId = trials.register(admin, new ProtocolSource(yaml, "application/yaml")).id();
                trials.changeStatus(admin, trialId, "RECRUITING");
                long filling = System.nanoTime();
                long rows = writer.fill(trialId, size);
                double filled = (System.nanoTime() - filling) / 1e9;
                trials.changeStatus(admin, trialId, "FOLLOW_UP");
                trials.changeStatus(admin, trialId, "LOCKED");
                int runs = size >= 1_000_000 ? 3 : 5;
                for (int run = 0; run < WARM_UP; run++) {
                    phases.time(trialId, null);
                }
                System.gc();
                heap.reset();
                long[] best = null;
                for (int run = 0; run < runs; run++) {
                    long[] times = phases.time(trialId, heap);
                    if (best == null || times[3] < best[3]) {
                        best = times;
                    }
                }
                double overHttp = overHttp(client, server.getURI(), Api.admin(http).token(), trialId);
                double total = best[3] / 1e6;
                System.out.printf(Locale.ROOT, "%,d | %,d | %.0f | %,.0f | %,.0f | %,.0f | %,.0f | best of %d | %,.0f | %.1f"
                                + " | %s | %,d | %,d%n", size, rows, filled, best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, total,
                        runs, overHttp, total * 1000 / size,
                        previous == 0 ? "-" : String.format(Locale.ROOT, "x%.1f for x10 participants", total / previous),
                        heap.sampledMegabytes(), heap.afterCollectionMegabytes());
                previous = total;
            }
            System.out.printf("load average at the end %s%n", LoadAverage.now());
        }
    }

    /** Milliseconds for the whole PDF to arrive, asked the way a client asks. */
    private static double overHttp(java.net.http.HttpClient client, URI base, String token, long trialId)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/trials/" + trialId + "/reports/consort.pdf"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long end = System.nanoTime();
        if (response.statusCode() != 200 || response.body().length < 1000) {
            throw new IllegalStateException("the report route answered " + response.statusCode());
        }
        return (end - start) / 1e6;
    }

    /** What the PDF route does, in one read-only transaction, each phase timed apart. */
    private record Phases(SnapshotReader snapshots, ReportService reports, TransactionOperations<?> transactions) {

        /** Nanoseconds to read, compute, draw, and all three; the heap is sampled after each phase when watched. */
        long[] time(long trialId, HeapWatch heap) {
            return transactions.executeRead(status -> {
                long start = System.nanoTime();
                TrialSnapshot snapshot = snapshots.read(trialId);
                long read = System.nanoTime();
                sample(heap);
                ReportService.Document document = reports.compute(snapshot, Wording.CONSORT_2010, false);
                long computed = System.nanoTime();
                sample(heap);
                byte[] pdf = ConsortPdf.render(document, null);
                long drawn = System.nanoTime();
                sample(heap);
                if (pdf.length < 1000) {
                    throw new IllegalStateException("no report");
                }
                return new long[] {read - start, computed - read, drawn - computed, drawn - start};
            });
        }

        private static void sample(HeapWatch heap) {
            if (heap != null) {
                heap.sample();
            }
        }
    }
}
