package org.trialkeeper.report;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.BenchmarkAllocations;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.LoadAverage;
import org.trialkeeper.trial.ProtocolSource;
import org.trialkeeper.trial.TrialService;

import javax.sql.DataSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Time and heap to download the long and wide scores of a locked trial shaped like the seed
 * trial (see {@link LargeTrial}) with 1,000, 10,000 and 100,000 participants, over HTTP as a
 * client does, reading the body as it arrives. Run with
 * {@code ./mvnw -Pexport-benchmark -DskipTests test}, whose JVM has a 256 MB heap: that the
 * largest trial's files are sent at all shows they are never held whole. It asserts nothing,
 * but exits non-zero when an export fails.
 */
public final class ExportBenchmark {

    private static final int[] SIZES = {1_000, 10_000, 100_000};

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

    private static void run(int[] sizes) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            ApplicationContext context = server.getApplicationContext();
            TrialService trials = context.getBean(TrialService.class);
            DataSource pool = context.getBean(DataSource.class);
            LargeTrial writer = new LargeTrial(pool instanceof DelegatingDataSource d ? d.getTargetDataSource() : pool,
                    new BenchmarkAllocations(context));
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            Actor admin = new Actor(null, "benchmark", Role.ADMIN);
            String token = Api.admin(http).token();
            HeapWatch heap = new HeapWatch();
            System.out.printf("%d cores, -Xmx %d MB, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    HeapWatch.maximumMegabytes(), LoadAverage.now());
            System.out.println("participants | export | rows | MB | ms | us per participant | heap used MB"
                    + " | heap after GC MB");
            for (int size : sizes) {
                String yaml = ProtocolFiles.seedVariantYaml("export-benchmark-" + size, tree -> { });
                long trialId = trials.register(admin, new ProtocolSource(yaml, "application/yaml")).id();
                trials.changeStatus(admin, trialId, "RECRUITING");
                writer.fill(trialId, size);
                trials.changeStatus(admin, trialId, "FOLLOW_UP");
                trials.changeStatus(admin, trialId, "LOCKED");
                for (String export : new String[] {"scores-long.csv", "scores-wide.csv"}) {
                    download(client, server.getURI(), token, trialId, export);
                    System.gc();
                    heap.reset();
                    long start = System.nanoTime();
                    long[] rowsAndBytes = download(client, server.getURI(), token, trialId, export);
                    double ms = (System.nanoTime() - start) / 1e6;
                    heap.sample();
                    System.out.printf(Locale.ROOT, "%,d | %s | %,d | %.1f | %,.0f | %.1f | %,d | %,d%n", size, export,
                            rowsAndBytes[0], rowsAndBytes[1] / 1e6, ms, ms * 1000 / size, heap.sampledMegabytes(),
                            heap.afterCollectionMegabytes());
                }
            }
            System.out.printf("load average at the end %s%n", LoadAverage.now());
        }
    }

    /** The export's rows (its header included) and bytes, counted as they arrive. */
    private static long[] download(java.net.http.HttpClient client, URI base, String token, long trialId, String export)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/trials/" + trialId + "/exports/" + export))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(export + " answered " + response.statusCode());
        }
        long rows = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read > 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        return new long[] {rows, bytes};
    }
}
