package org.trialkeeper.problem;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RequestIdsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aProblemAnswerCarriesTheRequestIdSent() {
        HttpClientResponseException refused = refusal(HttpRequest.GET("/api/trials").header(RequestIds.HEADER, "req-42.a:b_c"));

        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals("req-42.a:b_c", refused.getResponse().header(RequestIds.HEADER));
        assertEquals("req-42.a:b_c", body(refused).get("requestId"));
    }

    @Test
    void aRequestWithoutAnIdIsGivenOneInItsHeaderAndProblem() {
        HttpClientResponseException refused = refusal(HttpRequest.GET("/api/trials"));

        String id = refused.getResponse().header(RequestIds.HEADER);
        assertTrue(id != null && id.length() >= 16, "a made id: " + id);
        assertEquals(id, body(refused).get("requestId"));
    }

    @Test
    void anUnsafeRequestIdIsReplacedByAMadeOne() {
        String unsafe = "x".repeat(65);
        HttpClientResponseException refused = refusal(HttpRequest.GET("/api/trials").header(RequestIds.HEADER, unsafe));
        HttpClientResponseException spaced = refusal(HttpRequest.GET("/api/trials").header(RequestIds.HEADER, "a b"));

        assertNotEquals(unsafe, refused.getResponse().header(RequestIds.HEADER));
        assertEquals(refused.getResponse().header(RequestIds.HEADER), body(refused).get("requestId"));
        assertNotEquals("a b", spaced.getResponse().header(RequestIds.HEADER));
    }

    @Test
    void aSuccessfulAnswerCarriesTheIdInItsHeader() {
        HttpResponse<String> health = http.toBlocking().exchange(
                HttpRequest.GET("/health").header(RequestIds.HEADER, "health-1"), String.class);

        assertEquals("health-1", health.header(RequestIds.HEADER));
    }

    @Test
    void workARequestStartsOnAnotherThreadLogsUnderItsId() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("request-id")));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/diagnostics?simulations=10"))
                    .header(RequestIds.HEADER, "diagnostics-1"), Map.class);
        } finally {
            root.detachAppender(log);
        }

        List<ILoggingEvent> started;
        synchronized (log) {
            started = log.list.stream().filter(event -> event.getFormattedMessage().startsWith("Diagnostics of trial " + trial.id))
                    .toList();
        }
        assertEquals(1, started.size());
        assertTrue(started.get(0).getThreadName().startsWith("diagnostics-"), started.get(0).getThreadName());
        assertEquals("diagnostics-1", started.get(0).getMDCPropertyMap().get(RequestIds.KEY));
    }

    private HttpClientResponseException refusal(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }

    private static Map<?, ?> body(HttpClientResponseException refused) {
        return refused.getResponse().getBody(Map.class).orElseThrow();
    }
}
