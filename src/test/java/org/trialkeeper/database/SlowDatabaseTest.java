package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database that stops answering without going away (an overloaded server, a broken network),
 * in the middle of a transaction, while three times more requests than the pool has connections
 * arrive at once. Each is answered, 503 problem+json with Retry-After unless it finished
 * before, within the connection wait plus the socket timeout: none piles up behind another.
 * When the database answers again so does the service; the retried randomisations are each
 * made once, and each screening sent again is made now or found made whole, never twice.
 */
class SlowDatabaseTest {

    private static final int POOL = 10;
    private static final int SOCKET_TIMEOUT_MS = 3_000;
    private static final int CONNECTION_WAIT_MS = 2_000;
    private static final int PER_KIND = POOL;

    @Test
    void requestsToADatabaseThatStopsAnsweringTimeOutCleanlyAndTheServiceRecovers() throws Exception {
        EmbeddedMariaDb database = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
        try (StallingProxy proxy = new StallingProxy(database.port());
             EmbeddedServer service = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "datasources.default.url", database.jdbcUrl("trialkeeper_test").replace(
                             ":" + database.port() + "/", ":" + proxy.port() + "/"),
                     "datasources.default.username", database.user(),
                     "datasources.default.password", database.password(),
                     "datasources.default.maximum-pool-size", POOL,
                     "datasources.default.connection-timeout", CONNECTION_WAIT_MS,
                     // production waits 30 s for a silent database; the mechanism is the same
                     "datasources.default.data-source-properties.socketTimeout", Integer.toString(SOCKET_TIMEOUT_MS)), "test");
             HttpClient http = HttpClient.create(service.getURL())) {
            RecruitingTrial trial = RecruitingTrial.ofSize(http, "slow", PER_KIND + 2);
            List<Long> participants = trial.enrolAll("S-", PER_KIND);

            Map<Long, Object> randomisedMeanwhile = new ConcurrentHashMap<>();
            List<String> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Callable<Object>> requests = new ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                long participant = participants.get(i);
                int n = i;
                requests.add(() -> randomisedMeanwhile.put(participant,
                        trial.randomise(participant, "key-slow-" + participant).get("number")));
                requests.add(() -> trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress"))));
                requests.add(() -> {
                    try {
                        trial.enrol("T-" + n, "male");
                    } catch (HttpClientResponseException e) {
                        unanswered.add("T-" + n);
                        throw e;
                    }
                    return null;
                });
            }
            Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
            List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(requests.size());
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            // the database falls silent in the middle of the first transaction that takes a lock
            proxy.stallAt("FOR UPDATE");
            for (Callable<Object> request : requests) {
                sent.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    long began = System.nanoTime();
                    try {
                        request.call();
                        answers.computeIfAbsent("2xx", k -> new AtomicInteger()).incrementAndGet();
                    } catch (HttpClientResponseException e) {
                        HttpResponse<?> response = e.getResponse();
                        answers.computeIfAbsent(Integer.toString(response.getStatus().getCode()), k -> new AtomicInteger())
                                .incrementAndGet();
                        assertEquals(503, response.getStatus().getCode(), response.getBody(String.class).orElse(""));
                        assertTrue(response.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
                        // no connection came free (busy) or a statement got no answer (unavailable)
                        String body = response.getBody(String.class).orElseThrow();
                        boolean busy = body.contains("urn:trialkeeper:problem:busy");
                        assertTrue(busy || body.contains("urn:trialkeeper:problem:unavailable"), body);
                        assertEquals(busy ? "1" : "5", response.getHeaders().get("Retry-After"), body);
                    } finally {
                        millis.add((System.nanoTime() - began) / 1_000_000);
                    }
                    return null;
                }));
            }
            ready.await();
            long began = System.nanoTime();
            go.countDown();
            for (Future<?> request : sent) {
                request.get();
            }
            long allAnswered = (System.nanoTime() - began) / 1_000_000;
            proxy.release();
            clients.shutdown();
            long slowest = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            Map<String, Long> bySecond = new TreeMap<>(millis.stream().collect(java.util.stream.Collectors.groupingBy(
                    m -> (m / 1000) + "-" + (m / 1000 + 1) + " s", java.util.stream.Collectors.counting())));
            System.out.println("slow database: " + requests.size() + " requests against a pool of " + POOL
                    + "; the database fell silent mid-transaction and stayed so until all were answered, after "
                    + allAnswered + " ms; answers " + new TreeMap<>(answers) + "; answered within " + bySecond
                    + "; slowest " + slowest + " ms (connection wait " + CONNECTION_WAIT_MS + " ms, socket timeout "
                    + SOCKET_TIMEOUT_MS + " ms)");
            assertTrue(answers.keySet().stream().allMatch(k -> k.equals("2xx") || k.equals("503")), answers::toString);
            assertTrue(answers.containsKey("503"), "the silence was felt: " + answers);
            assertTrue(slowest < CONNECTION_WAIT_MS + SOCKET_TIMEOUT_MS + 2_000,
                    "no request waits longer than one connection wait and one socket timeout: " + slowest + " ms");

            // the database answers again: so does the service, and each retried randomisation is made once
            List<Object> numbers = new ArrayList<>();
            for (long participant : participants) {
                Object number = untilAvailable(() -> trial.randomise(participant, "key-slow-" + participant)).get("number");
                numbers.add(number);
                if (randomisedMeanwhile.containsKey(participant)) {
                    assertEquals(randomisedMeanwhile.get(participant), number, "the retry answers the allocation made");
                }
            }
            assertEquals(PER_KIND, numbers.stream().distinct().count(), "one number each: " + numbers);
            // a screening answered 503 was not made, or was made whole and only its answer was lost:
            // sent again, it is made now or refused as a duplicate, and nothing is there twice
            Map<String, Integer> retried = new TreeMap<>();
            for (String code : unanswered) {
                String outcome;
                try {
                    untilAvailable(() -> trial.enrol(code, "male"));
                    outcome = "made now";
                } catch (HttpClientResponseException e) {
                    assertEquals(409, e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
                    assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("duplicate-participant"));
                    outcome = "made before";
                }
                retried.merge(outcome, 1, Integer::sum);
            }
            System.out.println("slow database: screenings answered 503, sent again: " + retried);
            List<Map> listed = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants")), Argument.listOf(Map.class));
            assertEquals(2 * PER_KIND, listed.size(), "every screening once");
            assertEquals(2 * PER_KIND, listed.stream().map(p -> p.get("code")).distinct().count());
            trial.move("FOLLOW_UP");
            trial.move("LOCKED");
            Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            assertEquals(true, verification.get("verified"), verification.toString());
            Map<?, ?> audit = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            assertEquals(true, audit.get("intact"), audit.toString());
        }
    }

    /** Sends a request again while it is refused 503, as a client does, for at most 30 s. */
    private static <T> T untilAvailable(java.util.function.Supplier<T> request) {
        long began = System.nanoTime();
        while (true) {
            try {
                return request.get();
            } catch (HttpClientResponseException e) {
                if (e.getStatus().getCode() != 503 || System.nanoTime() - began > 30_000_000_000L) {
                    throw e;
                }
            }
        }
    }
}
