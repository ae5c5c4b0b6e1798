package org.trialkeeper.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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

    private HttpClientResponseException refusal(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, String.class));
    }

    private static Map<?, ?> body(HttpClientResponseException refused) {
        return refused.getResponse().getBody(Map.class).orElseThrow();
    }
}
