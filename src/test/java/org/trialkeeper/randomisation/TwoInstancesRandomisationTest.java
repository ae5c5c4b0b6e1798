package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            Api admin = Api.admin(toFirst);
            long trialId = registerStratified(admin, Api.unique("two-instances"));
            String coordinatorName = Api.unique("coordinator");
            admin.assign(trialId, admin.createMember(coordinatorName), "COORDINATOR");
            String statisticianName = Api.unique("statistician");
            admin.assign(trialId, admin.createMember(statisticianName), "STATISTICIAN");
            admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
            List<Api> instances = List.of(Api.as(toFirst, coordinatorName), Api.as(toSecond, coordinatorName));

            List<Long> participants = new ArrayList<>();
            String[] sites = {"TUMS", "OTHER"};
            String[] professions = {"physician", "nurse", "other"};
            for (int i = 0; i < PARTICIPANTS; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", "HCW-" + i);
                body.put("site", sites[i % 2]);
                body.put("baseline", Map.of("age", 30 + i % 30, "sex", i % 3 == 0 ? "male" : "female",
                        "profession", professions[(i / 2) % 3]));
                body.put("eligibility", Map.of("I1", true, "I2", true, "I3", true, "E1", false));
                body.put("consent", "given");
                Map<?, ?> screened = instances.get(i % 2).retrieve(
                        HttpRequest.POST("/api/trials/" + trialId + "/participants", body), Map.class);
                participants.add(((Number) screened.get("id")).longValue());
            }

            Map<Long, Map<?, ?>> answers = new ConcurrentHashMap<>();
            List<String> mismatches = new ArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            AtomicInteger retriesAnswered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            final long trial = trialId;
            for (int i = 0; i < PARTICIPANTS; i++) {
                long participant = participants.get(i);
                String key = "two-instances-" + participant;
                int copies = i % 4 == 0 ? 2 : 1;
                for (int copy = 0; copy < copies; copy++) {
                    Api instance = instances.get((i + copy) % 2);
                    futures.add(pool.submit(() -> {
                        start.await();
                        Map<?, ?> answer = randomiseWithRetries(instance, trial, participant, key, requests);
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

            admin.retrieve(HttpRequest.POST("/api/trials/" + trial + "/status", Map.of("status", "FOLLOW_UP")), Map.class);
            admin.retrieve(HttpRequest.POST("/api/trials/" + trial + "/status", Map.of("status", "LOCKED")), Map.class);
            Api statistician = Api.as(toSecond, statisticianName);
            Map<?, ?> sequence = statistician.retrieve(HttpRequest.GET("/api/trials/" + trial + "/randomisation/sequence"), Map.class);
            List<Map> used = (List<Map>) sequence.get("allocations");
            assertEquals(PARTICIPANTS, used.size(), "one allocation per participant");
            Set<String> slotsUsed = new HashSet<>();
            Map<String, Integer> perStratum = new HashMap<>();
            for (Map allocation : used) {
                assertTrue(slotsUsed.add(allocation.get("stratum") + "#" + allocation.get("position")), "slot used twice");
                perStratum.merge((String) allocation.get("stratum"), 1, Integer::sum);
            }
            for (Map stratum : (List<Map>) sequence.get("strata")) {
                List<Map> slots = (List<Map>) stratum.get("slots");
                int usedHere = perStratum.getOrDefault((String) stratum.get("stratum"), 0);
                for (int position = 0; position < slots.size(); position++) {
                    assertEquals(position < usedHere, slots.get(position).containsKey("allocationNumber"),
                            stratum.get("stratum") + " uses its list from the top, without gaps");
                }
            }
            Map<?, ?> verified = statistician.retrieve(HttpRequest.GET("/api/trials/" + trial + "/randomisation/verify"), Map.class);
            assertEquals(true, verified.get("verified"), verified.toString());
            Map<?, ?> chain = admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            assertEquals(true, chain.get("intact"), chain.toString());
            System.out.printf("two instances: %d participants, %d requests (%d duplicates answered alike), %d strata, "
                    + "%d slots used once each, sequence verified, audit chain intact%n", PARTICIPANTS, requests.get(),
                    retriesAnswered.get(), perStratum.size(), slotsUsed.size());
        }
    }

    private static long registerStratified(Api admin, String name) {
        return admin.register(ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve("online-balint-covid.yaml"))
                .replaceFirst("(?m)^shortName: .*$", "shortName: " + name)
                .replace("targetSampleSize: 72", "targetSampleSize: " + PARTICIPANTS));
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
