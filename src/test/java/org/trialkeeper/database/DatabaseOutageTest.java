package org.trialkeeper.database;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database server stops between requests: every request meanwhile is answered within the
 * connection wait with 503 problem+json and Retry-After, and at once when the service has found
 * the database unreachable; nothing is written, and when the server is back the service
 * recovers by itself: the retried randomisation (same Idempotency-Key) is made once.
 */
@MicronautTest(transactional = false)
class DatabaseOutageTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ConnectionPool pool;

    @Test
    void whileTheDatabaseIsDownRequestsFailFastWith503AndTheServiceRecoversByItself() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("outage")));
        long first = trial.enrol("D-1", "female");
        long second = trial.enrol("D-2", "male");
        assertEquals(1, trial.randomise(first, "key-outage-d1").get("number"));
        EmbeddedMariaDb server = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());

        server.stop();
        List<Runnable> duringOutage = List.of(
                () -> trial.randomise(second, "key-outage-d2"),
                () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants"))),
                () -> trial.enrol("D-3", "female"),
                () -> trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress"))));
        List<Long> millis = new ArrayList<>();
        try {
            for (Runnable request : duringOutage) {
                long began = System.nanoTime();
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class, request::run);
                millis.add((System.nanoTime() - began) / 1_000_000);
                HttpResponse<?> response = e.getResponse();
                assertEquals(503, response.getStatus().getCode(), response.getBody(String.class).orElse(""));
                assertTrue(response.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
                assertEquals("5", response.getHeaders().get("Retry-After"));
                assertTrue(response.getBody(String.class).orElseThrow().contains("urn:trialkeeper:problem:unavailable"));
            }
            // once the service has found the database unreachable, it refuses at once
            for (int tries = 0; !pool.unreachable(); tries++) {
                assertTrue(tries < 20, "the service finds the database unreachable");
                assertThrows(HttpClientResponseException.class, duringOutage.get(1)::run);
            }
            // a browser asking for a page during the outage gets an HTML page that says so
            HttpResponse<String> page = pageDuringOutage("/app/trials/" + trial.id);
            assertEquals(503, page.getStatus().getCode());
            assertTrue(page.getContentType().orElseThrow().toString().startsWith("text/html"), page.getBody().orElse(""));
            assertEquals("5", page.getHeaders().get("Retry-After"));
            assertTrue(page.getBody().orElseThrow().contains("<span id=\"retry-after\">5</span>"), page.getBody().orElse(""));
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long began = System.nanoTime();
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class, duringOutage.get(i % 4)::run);
                assertEquals(503, e.getStatus().getCode());
                slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
            }
            System.out.println("outage: 503 answers after " + millis + " ms; once the database is known unreachable,"
                    + " 20 more answered 503 within " + slowest + " ms each");
            assertTrue(slowest < 1_000, "refused at once: " + slowest + " ms");
        } finally {
            server.restart();
        }
        assertTrue(millis.stream().allMatch(m -> m < 4_000), "answered within the 2 s connection wait: " + millis);

        // the service finds the database again within half a second, and the pool opens
        // connections again with a back-off of up to 5 s (the Retry-After): a client retries
        // until the service has recovered
        long restarted = System.nanoTime();
        Map<?, ?> retried = null;
        int refusedAfterRestart = 0;
        while (retried == null) {
            try {
                retried = trial.randomise(second, "key-outage-d2");
            } catch (HttpClientResponseException e) {
                assertEquals(503, e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
                refusedAfterRestart++;
                assertTrue(System.nanoTime() - restarted < 30_000_000_000L, "recovered within 30 s of the restart");
            }
        }
        System.out.println("outage: recovered " + (System.nanoTime() - restarted) / 1_000_000 + " ms after the restart, "
                + refusedAfterRestart + " retries refused meanwhile");
        assertEquals(2, retried.get("number"), "the retried request is made once, after the outage");
        trial.enrol("D-3", "female");
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verification.get("verified"), verification.toString());
        assertEquals(2, verification.get("allocationsChecked"));
        Map<?, ?> audit = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
        assertEquals(true, audit.get("intact"), audit.toString());
    }

    private HttpResponse<String> pageDuringOutage(String path) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path).header("Accept", "text/html"), String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }
}
