package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service as a coordinator's client sees it over HTTP: trials opened for recruitment by the
 * administrator, participants screened ahead of time, and randomisations sent one request at a
 * time with a bearer token and an Idempotency-Key.
 */
final class ServiceOverHttp {

    private static final int SCREENERS = 4;
    private static final AtomicLong CODES = new AtomicLong();

    private final Api admin;
    private final Api coordinator;
    private final long coordinatorId;
    private final URI base;
    private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Long, Queue<Long>> screened = new ConcurrentHashMap<>();

    ServiceOverHttp(HttpClient http, URI base) {
        this.base = base;
        admin = Api.admin(http);
        String username = Api.unique("coordinator");
        coordinatorId = admin.createMember(username);
        coordinator = Api.as(http, username);
    }

    /** A trial of the seed protocol for this many participants, registered but not yet recruiting. */
    long register(int targetSampleSize) {
        long id = admin.register(ProtocolFiles.seedVariantYaml(Api.unique("benchmark"),
                tree -> tree.put("targetSampleSize", targetSampleSize)));
        admin.assign(id, coordinatorId, "COORDINATOR");
        return id;
    }

    void openRecruitment(long trialId) {
        admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
    }

    long recruitingTrial(int targetSampleSize) {
        long id = register(targetSampleSize);
        openRecruitment(id);
        return id;
    }

    /** Screens eligible, consenting participants into the trial, a few requests at a time; none is timed. */
    void screen(long trialId, int count) throws Exception {
        Queue<Long> queue = screened.computeIfAbsent(trialId, id -> new ConcurrentLinkedQueue<>());
        ExecutorService screeners = Executors.newFixedThreadPool(SCREENERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SCREENERS; s++) {
                int share = count / SCREENERS + (s < count % SCREENERS ? 1 : 0);
                done.add(screeners.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        queue.add(screenOne(trialId));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            screeners.shutdownNow();
        }
    }

    private long screenOne(long trialId) {
        Map<String, Object> body = Map.of("code", "H-" + CODES.incrementAndGet(), "site", "RAZI", "consent", "given",
                "baseline", Map.of("age", 34, "sex", "female", "marital", "married", "education", "bachelor"),
                "eligibility", Map.of("I1", true, "I2", true, "E1", false, "E2", false));
        Map<?, ?> participant = coordinator.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/participants", body),
                Map.class);
        return ((Number) participant.get("id")).longValue();
    }

    /** Randomises the next screened participant of trials[t]; true when answered 2xx. */
    ClientLoad.Allocation over(long... trials) {
        return t -> {
            long trialId = trials[t];
            Long participant = screened.get(trialId).poll();
            if (participant == null) {
                throw new IllegalStateException("trial " + trialId + " has no screened participant left");
            }
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(base.resolve(
                            "/api/trials/" + trialId + "/participants/" + participant + "/randomisation"))
                    .header("Authorization", "Bearer " + coordinator.token())
                    .header("Idempotency-Key", "bench-" + trialId + "-" + participant)
                    .timeout(Duration.ofSeconds(60))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        };
    }
}
