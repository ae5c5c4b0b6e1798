package org.trialkeeper.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sign-in refused because its source is throttled is answered no sooner than the refusal
 * delay (bounded by its Retry-After), so a flood's clients can only send one attempt a delay.
 */
@MicronautTest(transactional = false)
@Property(name = "trialkeeper.http.trust-forwarded-for", value = "true")
@Property(name = "trialkeeper.login.refusal-delay", value = "700ms")
class RefusedLoginDelayTest {

    private static final Duration DELAY = Duration.ofMillis(700);

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aThrottledRefusalIsHeldForTheDelay() {
        String source = "192.0.2.77";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, refusal(source, "nobody-delayed").getStatus().getCode());
        }
        long started = System.nanoTime();
        HttpClientResponseException throttled = refusal(source, "nobody-delayed");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(429, throttled.getStatus().getCode());
        assertTrue(throttled.getResponse().getHeaders().contains("Retry-After"));
        assertTrue(took.compareTo(DELAY) >= 0, "answered after " + took.toMillis() + " ms");
    }

    private HttpClientResponseException refusal(String source, String username) {
        HttpRequest<?> request = HttpRequest.POST("/api/login", Map.of("username", username, "password", "a-wrong-guess"))
                .header("X-Forwarded-For", source);
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().retrieve(request, Map.class));
    }
}
