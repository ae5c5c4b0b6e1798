package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.TrialOnTwoInstances;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two service instances on one database, as in production behind a load balancer: hundreds of
 * randomisations at once, some requests retried with their idempotency key, and every
 * participant still gets exactly one allocation, from the right slot, in order.
 */
class TwoInstancesRandomisationTest {

    private static final int PARTICIPANTS = 240;
    private static final int CLIENTS = 16;

    @Test
    void parallelRandomisationsOnTwoInstancesUseEverySlotOnceAndInOrder() throws Exception {
        Map<String, Object> properties = Map.of("micronaut.server.port", -1);
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             HttpClient toFirst = HttpClient.create(first.getURL());
             HttpClient toSecond = HttpClient.create(second.getURL())) {
            TrialOnTwoInstances trial = new TrialOnTwoInstances(toFirst, toSecond, "two-instances", PARTICIPANTS);
            List<Long> participants = trial.screen("HCW-");

            Map<Long, Map<?, ?>> answers = new ConcurrentHashMap<>();
            List<String> mismatches = new ArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger retriesAnswered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i++) {
                long participant = participants.get(i);
                String key = "two-instances-" + participant;
                int copies = i % 4 == 0 ? 2 : 1;
                for (int copy = 0; copy < copies; copy++) {
                    Api instance = trial.coordinators.get((i + copy) % 2);
                    futures.add(pool.submit(() -> {
                        start.await();
                        Map<?, ?> answer = randomiseWithRetries(instance, trial.id, participant, key, requests);
                        Map<?, ?> earlier = answers.putIfAbsent(participant, answer);
                        if (earlier != null) {
                            retriesAnswered.incrementAndGet();
                            if (!earlier.equals(answer)) {
                                synchronized (mismatches) {
                                    mismatches.add(participant + ": " + earlier + " vs " + answer);
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();

            assertEquals(List.of(), mismatches, "every retry answered with the original allocation");
            assertEquals(PARTICIPANTS, answers.size());
            Set<Object> numbers = new HashSet<>();
            answers.values().forEach(a -> numbers.add(a.get("number")));
            assertEquals(PARTICIPANTS, numbers.size(), "no allocation number twice");

            trial.move("FOLLOW_UP");
            trial.move("LOCKED");
            int strata = trial.assertListsFollowed(toSecond);
            Map<?, ?> chain = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            assertEquals(true, chain.get("intact"), chain.toString());
            System.out.printf("two instances: %d participants, %d requests (%d duplicates answered alike), %d strata, "
                    + "%d slots used once each, sequence verified, audit chain intact%n", PARTICIPANTS, requests.get(),
                    retriesAnswered.get(), strata, PARTICIPANTS);
        }
    }

    /** A client that retries with the same key on any failure, as the API asks clients to. */
    private static Map<?, ?> randomiseWithRetries(Api instance, long trialId, long participant, String key,
                                                  AtomicInteger requests) {
        for (int attempt = 1; ; attempt++) {
            requests.incrementAndGet();
            try {
                return instance.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/participants/" + participant
                        + "/randomisation", "").header("Idempotency-Key", key), Map.class);
            } catch (HttpClientResponseException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }
}
