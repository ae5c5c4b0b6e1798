package org.trialkeeper.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.trialkeeper.support.Api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Micronaut's management endpoints are off, all but the health check and the administrator's
 * metrics (MetricsScrapeTest): each answers 404 problem+json to everyone, and none logs a stack trace.
 */
@MicronautTest(transactional = false)
class ManagementEndpointsTest {

    private static final List<String> ENDPOINTS = List.of("GET /beans", "GET /routes", "GET /info", "GET /threaddump",
            "POST /refresh", "GET /loggers", "POST /loggers/root", "GET /env", "GET /caches", "POST /stop", "GET /metrics");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void managementEndpointsAreOffForEveryoneAndLogNothing() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        List<String> wrong = new ArrayList<>();
        try {
            for (Map.Entry<String, String> caller : callers().entrySet()) {
                for (String endpoint : ENDPOINTS) {
                    HttpResponse<?> response = send(endpoint, caller.getValue());
                    String body = response.getBody(String.class).orElse("");
                    if (response.getStatus().getCode() != 404 || !body.contains("urn:trialkeeper:problem:not-found")) {
                        wrong.add(endpoint + " as " + caller.getKey() + " answered " + response.getStatus().getCode() + " " + body);
                    }
                }
                HttpResponse<?> health = send("GET /health", caller.getValue());
                if (health.getStatus().getCode() != 200 || !health.getBody(String.class).orElse("").equals("{\"status\":\"UP\"}")) {
                    wrong.add("GET /health as " + caller.getKey() + " answered " + health.getStatus().getCode());
                }
            }
        } finally {
            root.detachAppender(log);
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), log.list.stream().filter(event -> event.getThrowableProxy() != null)
                .map(ILoggingEvent::getFormattedMessage).toList(), "stack traces logged");
    }

    private Map<String, String> callers() {
        Api admin = Api.admin(http);
        String member = Api.unique("management");
        admin.createMember(member);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no sign-in", null);
        callers.put("a signed-in user", Api.as(http, member).token());
        callers.put("ADMIN", admin.token());
        return callers;
    }

    private HttpResponse<?> send(String endpoint, String token) {
        String[] parts = endpoint.split(" ");
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.parse(parts[0]), parts[1]);
        if (!parts[0].equals("GET")) {
            request = request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (token != null) {
            request = request.bearerAuth(token);
        }
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
