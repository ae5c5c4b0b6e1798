package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.BenchmarkRun;
import org.trialkeeper.support.LoadAverage;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the trial team's reads cost as a trial grows, and what they leave of randomisation, over
 * HTTP as a client sees it. First progress, the worklist and the participant list of a trial of
 * 100 randomised participants beside one of 10,000, each with a baseline questionnaire entered
 * for everyone; then 8 clients randomising in the 10,000 trial alone, and again while 32 clients
 * read that trial's progress, worklist and participant list as fast as they are answered. Run
 * with {@code ./mvnw -Preads-benchmark -DskipTests test}; it is not a test and asserts nothing.
 */
public final class ReadsBenchmark {

    private static final int SMALL = 100;
    private static final int LARGE = 10_000;
    private static final int SEQUENTIAL_READS = 300;
    private static final int RANDOMISERS = 8;
    private static final int READERS = 32;
    private static final int RANDOMISATIONS = 1600;
    private static final int IMPORT_CHUNK = 1000;
    private static final List<String> READS = List.of("/progress", "/worklist", "/participants");

    public static void main(String[] args) {
        BenchmarkRun.exitAfter(() -> run());
    }

    private static void run() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            ServiceOverHttp service = new ServiceOverHttp(http, server.getURI());
            Api admin = Api.admin(http);
            Reader reader = new Reader(server.getURI(), admin.token());
            long small = filled(http, service, admin, SMALL, 0);
            long large = filled(http, service, admin, LARGE, 2 * RANDOMISATIONS + RANDOMISATIONS / 4);
            System.out.printf("2 cores, load average %s; trials of %,d and %,d randomised participants, a baseline"
                    + " questionnaire each%n", LoadAverage.now(), SMALL, LARGE);
            System.out.println();
            System.out.println("read, one client | " + SMALL + ": p50 ms | p99 ms | body KB | " + LARGE
                    + ": p50 ms | p99 ms | body KB | p50 " + LARGE + " / " + SMALL);
            for (String read : READS) {
                Sequential few = reader.sequential(small, read);
                Sequential many = reader.sequential(large, read);
                System.out.printf("%s | %.2f | %.2f | %.1f | %.2f | %.2f | %.1f | %.2f%n", read, few.p50(), few.p99(),
                        few.kilobytes(), many.p50(), many.p99(), many.kilobytes(), many.p50() / few.p50());
            }
            ClientLoad.run(RANDOMISERS, 1, RANDOMISATIONS / 4, service.over(large));
            ClientLoad.Result alone = ClientLoad.run(RANDOMISERS, 1, RANDOMISATIONS, service.over(large));
            Crowd crowd = reader.crowd(large);
            ClientLoad.Result crowded;
            try {
                crowded = ClientLoad.run(RANDOMISERS, 1, RANDOMISATIONS, service.over(large));
            } finally {
                crowd.stop();
            }
            System.out.println();
            System.out.println(RANDOMISERS + " clients randomising in the " + LARGE + " trial | randomisations/s | p50 ms"
                    + " | p99 ms | errors | CPU idle");
            System.out.printf("alone | %.0f | %.2f | %.2f | %d | %.0f%%%n", alone.perSecond(), alone.p50(), alone.p99(),
                    alone.errors(), 100 * alone.idle());
            System.out.printf("while %d clients read | %.0f | %.2f | %.2f | %d | %.0f%%%n", READERS, crowded.perSecond(),
                    crowded.p50(), crowded.p99(), crowded.errors(), 100 * crowded.idle());
            System.out.printf("with readers / alone | %.2f | | | |%n", crowded.perSecond() / alone.perSecond());
            System.out.printf("the %d readers meanwhile: %d answers (%.0f/s), by status %s%n", READERS, crowd.answers(),
                    crowd.answers() / crowded.seconds(), crowd.byStatus());
            System.out.printf("load average at the end %s%n", LoadAverage.now());
        }
    }

    /**
     * A recruiting trial with {@code randomised} participants randomised, a baseline questionnaire
     * entered for each, and {@code waiting} more screened and waiting for randomisation.
     */
    private static long filled(HttpClient http, ServiceOverHttp service, Api admin, int randomised, int waiting)
            throws Exception {
        long trial = service.recruitingTrial(randomised + waiting);
        service.screen(trial, randomised);
        ClientLoad.Result done = ClientLoad.run(RANDOMISERS, 1, randomised, service.over(trial));
        if (done.errors() > 0) {
            throw new IllegalStateException(done.errors() + " randomisations failed while filling the trial");
        }
        String assessor = Api.unique("assessor");
        admin.assign(trial, admin.createMember(assessor), "ASSESSOR");
        Api entering = Api.as(http, assessor);
        List<String> codes = randomisedCodes(admin, trial);
        for (int from = 0; from < codes.size(); from += IMPORT_CHUNK) {
            StringBuilder csv = new StringBuilder("participant,timepoint,instrument,item,value\n");
            for (String code : codes.subList(from, Math.min(codes.size(), from + IMPORT_CHUNK))) {
                for (int item = 1; item <= 25; item++) {
                    csv.append(code).append(",baseline,CDRISC,").append(item).append(",2\n");
                }
            }
            entering.retrieve(HttpRequest.POST("/api/trials/" + trial + "/assessments/import", csv.toString())
                    .contentType(MediaType.of("text/csv")), Map.class);
        }
        service.screen(trial, waiting);
        return trial;
    }

    /** The codes of the trial's randomised participants, read a page at a time. */
    @SuppressWarnings("unchecked")
    private static List<String> randomisedCodes(Api admin, long trial) {
        List<String> codes = new ArrayList<>();
        long after = 0;
        for (List<Map<String, Object>> page; !(page = admin.retrieve(HttpRequest.GET("/api/trials/" + trial
                + "/participants?limit=1000&after=" + after), io.micronaut.core.type.Argument.listOf(
                (Class<Map<String, Object>>) (Class<?>) Map.class))).isEmpty(); ) {
            for (Map<String, Object> participant : page) {
                if ("RANDOMISED".equals(participant.get("status"))) {
                    codes.add((String) participant.get("code"));
                }
                after = ((Number) participant.get("id")).longValue();
            }
        }
        return codes;
    }

    private record Sequential(double p50, double p99, double kilobytes) {
    }

    /** Readers that each send one read after another, in turn over the three, until stopped. */
    private static final class Crowd {
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger answers = new AtomicInteger();
        private final Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(READERS);
        private final List<Future<?>> running = new ArrayList<>();

        int answers() {
            return answers.get();
        }

        String byStatus() {
            return new java.util.TreeMap<>(statuses).toString();
        }

        void stop() throws Exception {
            stopping.set(true);
            for (Future<?> reader : running) {
                reader.get();
            }
            threads.shutdownNow();
        }
    }

    /** Reads over HTTP with the administrator's token, who may read all three. */
    private static final class Reader {
        private final URI base;
        private final String token;
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        Reader(URI base, String token) {
            this.base = base;
            this.token = token;
        }

        private HttpResponse<byte[]> get(long trial, String read) throws Exception {
            return client.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/trials/" + trial + read))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        Sequential sequential(long trial, String read) throws Exception {
            for (int i = 0; i < SEQUENTIAL_READS / 10; i++) {
                get(trial, read);
            }
            long[] nanos = new long[SEQUENTIAL_READS];
            long bytes = 0;
            for (int i = 0; i < nanos.length; i++) {
                long began = System.nanoTime();
                HttpResponse<byte[]> answer = get(trial, read);
                nanos[i] = System.nanoTime() - began;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(read + " answered " + answer.statusCode());
                }
                bytes = answer.body().length;
            }
            Arrays.sort(nanos);
            return new Sequential(nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                    bytes / 1024.0);
        }

        Crowd crowd(long trial) {
            Crowd crowd = new Crowd();
            for (int r = 0; r < READERS; r++) {
                int first = r;
                crowd.running.add(crowd.threads.submit(() -> {
                    for (int i = first; !crowd.stopping.get(); i++) {
                        int status = get(trial, READS.get(i % READS.size())).statusCode();
                        crowd.answers.incrementAndGet();
                        crowd.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            return crowd;
        }
    }
}
