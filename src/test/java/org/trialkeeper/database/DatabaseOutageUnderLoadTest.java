package org.trialkeeper.database;

import io.micronaut.core.type.Argument;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database server stops while randomisations are in flight on two service instances, and
 * starts again once the clients have been refused ten thousand times: clients that retry at
 * once with the same Idempotency-Key, on the other instance, all get their allocation once;
 * every answer meanwhile is 503 problem+json (unavailable, or busy for a request that found the
 * pool full), within the connection wait and mostly at once;
 * afterwards nothing is doubled, missing or half written.
 */
@MicronautTest(transactional = false)
class DatabaseOutageUnderLoadTest {

    private static final int PARTICIPANTS = 120;
    private static final int CLIENTS = 12;
    private static final int REFUSALS = 10_000;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void randomisationsInFlightWhenTheDatabaseStopsAreEachMadeOnceAfterItIsBack() throws Exception {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "loadoutage", PARTICIPANTS);
        ConcurrentLinkedQueue<Long> toRandomise = new ConcurrentLinkedQueue<>(trial.enrolAll("L-", PARTICIPANTS));
        EmbeddedMariaDb server = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient toOther = HttpClient.create(other.getURL())) {
            List<BlockingHttpClient> instances = List.of(http.toBlocking(), toOther.toBlocking());
            outageUnderLoad(server, trial, toRandomise, instances);
        }
    }

    private void outageUnderLoad(EmbeddedMariaDb server, RecruitingTrial trial, ConcurrentLinkedQueue<Long> toRandomise,
                                 List<BlockingHttpClient> instances) throws Exception {
        AtomicInteger allocated = new AtomicInteger();
        CountDownLatch someAllocated = new CountDownLatch(PARTICIPANTS / 4);
        CountDownLatch refusals = new CountDownLatch(REFUSALS);
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicLong slowestFailure = new AtomicLong();
        List<Long> failureMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong slowestSuccess = new AtomicLong();
        Map<Long, Integer> numbers = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                Long participant;
                int attempt = 0;
                while ((participant = toRandomise.poll()) != null) {
                    while (true) {
                        int instance = (client + attempt++) % 2;
                        long began = System.nanoTime();
                        try {
                            Map<?, ?> allocation = instances.get(instance).retrieve(HttpRequest.POST(trial.path(
                                    "/participants/" + participant + "/randomisation"), "")
                                    .header("Idempotency-Key", "key-load-" + participant)
                                    .bearerAuth(trial.coordinator.token()), Map.class);
                            slowestSuccess.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
                            numbers.put(participant, (Integer) allocation.get("number"));
                            byInstance.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
                            allocated.incrementAndGet();
                            someAllocated.countDown();
                            break;
                        } catch (HttpClientResponseException e) {
                            int status = e.getStatus().getCode();
                            failures.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
                            long took = (System.nanoTime() - began) / 1_000_000;
                            slowestFailure.accumulateAndGet(took, Math::max);
                            failureMillis.add(took);
                            assertEquals(503, status, () -> e.getResponse().getBody(String.class).orElse(""));
                            assertTrue(e.getResponse().getContentType().orElseThrow().toString().startsWith("application/problem+json"));
                            String retryAfter = e.getResponse().getHeaders().get("Retry-After");
                            if ("1".equals(retryAfter)) {
                                // a request that waited on a full pool while the machine was loaded is told busy, truly
                                String body = e.getResponse().getBody(String.class).orElse("");
                                assertTrue(body.contains("urn:trialkeeper:problem:busy"), body);
                            } else {
                                assertEquals("5", retryAfter);
                            }
                            refusals.countDown();
                        } catch (HttpClientException e) {
                            // no answer at all (a timeout): the client retries as it would on any error
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        assertTrue(someAllocated.await(60, TimeUnit.SECONDS), "randomisations under way");
        server.stop();
        long stopped = System.nanoTime();
        int atStop = allocated.get();
        try {
            // down until the clients, retrying at once, have been refused ten thousand times
            assertTrue(refusals.await(60, TimeUnit.SECONDS), "requests fail while the database is down");
        } finally {
            server.restart();
        }
        long restarted = System.nanoTime();
        long outage = (restarted - stopped) / 1_000_000;
        clients.shutdown();
        if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            Thread.getAllStackTraces().forEach((thread, stack) -> System.out.println(thread.getName() + " "
                    + thread.getState() + "\n\t" + String.join("\n\t", Arrays.stream(stack).map(String::valueOf).toList())));
            throw new AssertionError("the clients were not all answered within 2 minutes of the restart: " + allocated + " allocated");
        }
        for (Future<?> client : running) {
            client.get();
        }
        long recovered = (System.nanoTime() - restarted) / 1_000_000;
        List<Long> sorted = failureMillis.stream().sorted().toList();
        System.out.println("outage under load: the database was down " + outage + " ms; " + atStop
                + " allocated before the stop; failures by kind " + new TreeMap<>(failures) + "; 503 answered after "
                + sorted.get(sorted.size() / 2) + " ms (median), " + sorted.get(sorted.size() * 99 / 100) + " ms (99th centile), "
                + slowestFailure + " ms (slowest); the slowest allocation " + slowestSuccess + " ms; all " + PARTICIPANTS
                + " allocated " + recovered + " ms after the restart, by instance " + new TreeMap<>(byInstance));

        assertEquals(Set.of("503"), failures.keySet(), "every failure was answered, and answered 503");
        assertTrue(slowestFailure.get() < 4_000, "503 within the 2 s connection wait, not piled up: " + slowestFailure);
        assertEquals(PARTICIPANTS, numbers.size());
        assertEquals(PARTICIPANTS, numbers.values().stream().distinct().count(), "no number given twice");
        List<Map> listed = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants?limit=1000")),
                Argument.listOf(Map.class));
        assertEquals(PARTICIPANTS, listed.size());
        assertTrue(listed.stream().allMatch(p -> "RANDOMISED".equals(p.get("status"))), "each marked randomised");
        long recorded = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(Map.class)).stream()
                .filter(r -> "participant.randomised".equals(r.get("action"))).count();
        assertEquals(PARTICIPANTS, recorded, "one audit record for each allocation");
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verification.get("verified"), verification.toString());
        assertEquals(PARTICIPANTS, verification.get("allocationsChecked"));
        Map<?, ?> audit = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
        assertEquals(true, audit.get("intact"), audit.toString());
    }
}
