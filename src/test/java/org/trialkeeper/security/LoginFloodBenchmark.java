package org.trialkeeper.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.BenchmarkRun;
import org.trialkeeper.support.FromAddress;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * What coordinators see over HTTP (screen, randomise, read progress) for 20 s without load, then
 * for 20 s while 40 clients send wrong passwords to {@code POST /api/login} from 127.0.0.2, then
 * for 20 s while 40 clients do so each from an address of its own (127.0.1.x); during each flood
 * the administrator signs in from 127.0.0.3. bcrypt at cost 12, as in production. Run with
 * {@code ./mvnw -Plogin-benchmark -DskipTests test}; it is not a test and asserts nothing.
 */
public final class LoginFloodBenchmark {

    private static final int COORDINATORS = 4;
    private static final int FLOODERS = 40;
    private static final long PHASE_MS = 20_000;
    private static final long WARM_UP_MS = 5_000;

    public static void main(String[] args) {
        BenchmarkRun.exitAfter(() -> run());
    }

    private static void run() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                // production settings where the test configuration differs
                Map.of("trialkeeper.bcrypt-cost", 12, "trialkeeper.login.refusal-delay", "2s"), "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            RecruitingTrial trial = RecruitingTrial.ofSize(http, "flood", 20_000);
            List<Api> coordinators = new ArrayList<>(List.of(trial.coordinator));
            List<String> known = new ArrayList<>(List.of("admin"));
            for (int i = 1; i < COORDINATORS; i++) {
                String username = Api.unique("coordinator");
                trial.admin.assign(trial.id, trial.admin.createMember(username), "COORDINATOR");
                coordinators.add(Api.as(http, username));
                known.add(username);
            }
            LoginHashing hashing = server.getApplicationContext().getBean(LoginHashing.class);
            int port = server.getPort();
            measure(trial, coordinators, WARM_UP_MS, null);
            System.out.printf("bcrypt cost 12, %d password checks at once, %d cores%n", hashing.concurrent(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("phase | coordinator requests | p50 ms | p99 ms | errors | of them 503 | flood logins"
                    + " | flood answers | password checks | most at once | admin from 127.0.0.3");
            print("quiet", measure(trial, coordinators, PHASE_MS, null), null, hashing, 0);
            long before = hashing.checks();
            Flood single = new Flood(port, known, client -> "127.0.0.2");
            print("flood from 127.0.0.2", measure(trial, coordinators, PHASE_MS, single), single, hashing, before);
            before = hashing.checks();
            Flood spread = new Flood(port, known, client -> "127.0.1." + (client + 1));
            print("flood from 40 addresses", measure(trial, coordinators, PHASE_MS, spread), spread, hashing, before);
        }
    }

    private record Figures(int requests, double p50, double p99, int errors, int unavailable) {
    }

    private static void print(String phase, Figures figures, Flood flood, LoginHashing hashing, long checksBefore) {
        System.out.printf("%s | %d | %.1f | %.1f | %d | %d | %s | %s | %d | %d | %s%n", phase, figures.requests(),
                figures.p50(), figures.p99(), figures.errors(), figures.unavailable(),
                flood == null ? "-" : flood.sent.sum(), flood == null ? "-" : new TreeMap<>(flood.answers),
                hashing.checks() - checksBefore, hashing.mostAtOnce(), flood == null ? "-" : flood.admin);
    }

    /** Coordinators screening, randomising and reading progress for a while, with the flood (if any) running. */
    private static Figures measure(RecruitingTrial trial, List<Api> coordinators, long millis, Flood flood)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(coordinators.size());
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        if (flood != null) {
            flood.start();
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Api coordinator : coordinators) {
            pool.submit(() -> {
                while (!stop.get()) {
                    work(trial, coordinator, latencies, errors, unavailable);
                }
                return null;
            });
        }
        if (flood != null) {
            TimeUnit.MILLISECONDS.sleep(millis / 4);
            flood.adminSignsIn();
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (flood != null) {
            flood.stop();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Figures(sorted.length, centile(sorted, 0.5), centile(sorted, 0.99), errors.get(), unavailable.get());
    }

    private static final AtomicInteger CODES = new AtomicInteger();

    private static void work(RecruitingTrial trial, Api coordinator, List<Long> latencies, AtomicInteger errors,
                             AtomicInteger unavailable) {
        String code = "F-" + CODES.incrementAndGet();
        Long participant = timed(latencies, errors, unavailable, () -> ((Number) coordinator.retrieve(
                HttpRequest.POST(trial.path("/participants"), screening(code)), Map.class).get("id")).longValue());
        if (participant != null) {
            timed(latencies, errors, unavailable, () -> coordinator.retrieve(HttpRequest.POST(trial.path(
                    "/participants/" + participant + "/randomisation"), "").header("Idempotency-Key", "flood-key-" + code), Map.class));
        }
        timed(latencies, errors, unavailable, () -> coordinator.retrieve(HttpRequest.GET(trial.path("/progress")),
                Map.class));
    }

    private static Map<String, Object> screening(String code) {
        return Map.of("code", code, "site", "RAZI", "consent", "given",
                "baseline", Map.of("age", 34, "sex", "female", "marital", "married", "education", "bachelor"),
                "eligibility", Map.of("I1", true, "I2", true, "E1", false, "E2", false));
    }

    private static <T> T timed(List<Long> latencies, AtomicInteger errors, AtomicInteger unavailable,
                               java.util.concurrent.Callable<T> request) {
        long began = System.nanoTime();
        try {
            return request.call();
        } catch (HttpClientResponseException refused) {
            errors.incrementAndGet();
            if (refused.getStatus().getCode() == 503) {
                unavailable.incrementAndGet();
            }
            return null;
        } catch (Exception failed) {
            errors.incrementAndGet();
            return null;
        } finally {
            latencies.add(System.nanoTime() - began);
        }
    }

    private static double centile(long[] sorted, double centile) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.ceil(sorted.length * centile) - 1] / 1e6;
    }

    /** Clients sending wrong passwords for known and unknown names, one connection per attempt. */
    private static final class Flood {

        private final int port;
        private final List<String> known;
        private final IntFunction<String> address;
        private final LongAdder sent = new LongAdder();
        private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService clients = Executors.newFixedThreadPool(FLOODERS);
        private String admin = "not tried";

        Flood(int port, List<String> known, IntFunction<String> address) {
            this.port = port;
            this.known = known;
            this.address = address;
        }

        void start() {
            for (int c = 0; c < FLOODERS; c++) {
                FromAddress from = new FromAddress(address.apply(c), port);
                clients.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = i % 2 == 0 ? known.get(i / 2 % known.size()) : Api.unique("nobody");
                        int status = attempt(from, name, "a-wrong-guess-" + i);
                        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                        sent.increment();
                    }
                    return null;
                });
            }
        }

        void adminSignsIn() {
            long began = System.nanoTime();
            int status = attempt(new FromAddress("127.0.0.3", port), "admin", Api.ADMIN_PASSWORD);
            admin = status + " in " + (System.nanoTime() - began) / 1_000_000 + " ms";
        }

        void stop() throws InterruptedException {
            stop.set(true);
            clients.shutdown();
            clients.awaitTermination(1, TimeUnit.MINUTES);
        }

        private static int attempt(FromAddress from, String username, String password) {
            try {
                return from.postJson("/api/login", "{\"username\": \"" + username + "\", \"password\": \""
                        + password + "\"}").status();
            } catch (java.io.IOException failed) {
                return -1;
            }
        }
    }
}
