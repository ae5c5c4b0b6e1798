package org.trialkeeper.randomisation;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.Application;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service processes on one database take 1,000 randomisations fired in parallel by clients
 * that retry with the same Idempotency-Key on any error (on the other instance); one process is
 * killed with SIGKILL midway. Afterwards every participant has exactly one allocation, every
 * stratum's allocations follow its list without gaps or repeats, and the audit chain verifies.
 */
@MicronautTest(transactional = false)
class KilledInstanceTest {

    private static final int PARTICIPANTS = 1000;
    private static final int CLIENTS = 16;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void killingOneOfTwoInstancesMidwayLosesAndDoublesNothing() throws Exception {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "sigkill", PARTICIPANTS);
        List<Long> participants = trial.enrolAll("S-", PARTICIPANTS);
        HikariDataSource database = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        Process doomed = instance(database, "doomed");
        Process survivor = instance(database, "survivor");
        try (HttpClient toDoomed = HttpClient.create(new URL("http://localhost:" + port(doomed)));
             HttpClient toSurvivor = HttpClient.create(new URL("http://localhost:" + port(survivor)))) {
            List<Api> instances = List.of(Api.as(toDoomed, name(trial.coordinator)), Api.as(toSurvivor, name(trial.coordinator)));
            Map<Long, Integer> numbers = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(PARTICIPANTS / 3);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < PARTICIPANTS; i = next.getAndIncrement()) {
                        long participant = participants.get(i);
                        for (int attempt = 0; !numbers.containsKey(participant); attempt++) {
                            Api instance = instances.get((client + attempt) % 2);
                            try {
                                Map<?, ?> allocation = instance.retrieve(HttpRequest.POST("/api/trials/" + trial.id
                                        + "/participants/" + participant + "/randomisation", "")
                                        .header("Idempotency-Key", "key-sigkill-" + participant), Map.class);
                                numbers.put(participant, ((Number) allocation.get("number")).intValue());
                                halfway.countDown();
                            } catch (RuntimeException e) {
                                // a refused or broken connection, a 503: try again with the same key
                                failures.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            assertTrue(halfway.await(180, TimeUnit.SECONDS), "a third allocated before the kill");
            doomed.destroyForcibly();
            assertTrue(doomed.waitFor(30, TimeUnit.SECONDS));
            int atKill = numbers.size();
            for (Future<?> client : clients) {
                client.get(300, TimeUnit.SECONDS);
            }
            pool.shutdown();
            System.out.println("killed one instance after " + atKill + " allocations; " + numbers.size()
                    + " allocations in all, " + failures + " failed attempts retried");
            assertEquals(PARTICIPANTS, numbers.size());
            Set<Integer> distinct = new HashSet<>(numbers.values());
            assertEquals(PARTICIPANTS, distinct.size(), "no allocation number twice");
            assertEquals(PARTICIPANTS, distinct.stream().mapToInt(Integer::intValue).max().orElse(0), "no gaps");
        } finally {
            doomed.destroyForcibly();
            survivor.destroyForcibly();
        }
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verification.get("verified"), verification.toString());
        assertEquals(PARTICIPANTS, verification.get("allocationsChecked"));
        Map<?, ?> audit = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
        assertEquals(true, audit.get("intact"), audit.toString());
        List<Map> listed = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants?limit=1000")),
                Argument.listOf(Map.class));
        assertEquals(PARTICIPANTS, listed.stream().filter(p -> "RANDOMISED".equals(p.get("status"))).count());
    }

    private static String name(Api api) {
        Map<?, ?> me = api.retrieve(HttpRequest.GET("/api/users/me"), Map.class);
        return (String) me.get("username");
    }

    private final Map<Process, Integer> ports = new ConcurrentHashMap<>();

    private int port(Process process) {
        return ports.get(process);
    }

    /** A service process of its own on the test's database, with the test's secrets; answers once it serves. */
    private Process instance(HikariDataSource database, String name) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Files.createTempFile("trialkeeper-" + name, ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Application.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATASOURCES_DEFAULT_URL", database.getJdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", database.getUsername());
        env.put("DATASOURCES_DEFAULT_PASSWORD", database.getPassword());
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("TRIALKEEPER_JWT_SECRET", "a-test-signing-secret-that-is-long-enough-for-hs256");
        env.put("TRIALKEEPER_SEED_KEY", "dGVzdC1zZWVkLWtleS10aGF0LWlzLTMyLWJ5dGVzLSE=");
        env.put("TRIALKEEPER_AUDIT_KEY", "dGVzdC1hdWRpdC1rZXktdGhhdC1pcy0zMi1ieXRlcyE=");
        env.put("TRIALKEEPER_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        env.put("TRIALKEEPER_BCRYPT_COST", "4");
        Process process = builder.start();
        ports.put(process, port);
        try (HttpClient probe = HttpClient.create(new URL("http://localhost:" + port))) {
            for (int i = 0; i < 120; i++) {
                try {
                    probe.toBlocking().retrieve(HttpRequest.GET("/health"));
                    return process;
                } catch (RuntimeException notYet) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("instance " + name + " stopped: " + Files.readString(log));
                    }
                    process.waitFor(500, TimeUnit.MILLISECONDS);
                }
            }
        }
        throw new IllegalStateException("instance " + name + " did not start: " + Files.readString(log));
    }
}
