package org.trialkeeper.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page whose template fails is answered at once with an error page, never left hanging half-sent. */
@MicronautTest(transactional = false)
@Property(name = "trialkeeper.test.broken-page", value = "true")
@Property(name = "micronaut.http.client.read-timeout", value = "20s")
class BrokenPageTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aTemplateThatFailsAnswersAnErrorPageThatSaysNothingOfTheFailure() {
        HttpClientResponseException failed = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/app/broken").accept("text/html"), String.class));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, failed.getStatus());
        String page = failed.getResponse().getBody(String.class).orElse("");
        assertTrue(page.contains("<html"), page);
        assertFalse(page.contains("Exception") || page.contains("OGNL") || page.contains("broken"), page);
    }
}
