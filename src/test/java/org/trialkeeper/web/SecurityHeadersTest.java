package org.trialkeeper.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.PermissionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every answer, error answers included, carries the security headers. */
@MicronautTest(transactional = false)
class SecurityHeadersTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void everyRouteOfThePermissionTableAnswersWithTheHeadersSignedInOrNot() throws Exception {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("headers")));
        List<String> wrong = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        for (String route : PermissionTable.read().keySet()) {
            HttpMethod method = HttpMethod.parse(route.substring(0, route.indexOf(' ')));
            String path = route.substring(route.indexOf(' ') + 1).replace("{trialId}", Long.toString(trialId))
                    .replaceAll("\\{[^}]+}", "1");
            // a fresh token for each route: the sign-out route ends the ones before
            for (String token : new String[]{null, Api.admin(http).token()}) {
                MutableHttpRequest<?> request = HttpRequest.create(method, path);
                if (method != HttpMethod.GET) {
                    request = request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
                }
                if (token != null) {
                    request = request.bearerAuth(token);
                }
                HttpResponse<?> response = exchange(request);
                statuses.add(response.getStatus().getCode());
                missing(response, true).forEach(header -> wrong.add(method + " " + path + " ("
                        + (token == null ? "no sign-in" : "ADMIN") + ") answered " + response.getStatus().getCode()
                        + " without " + header));
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(statuses.containsAll(Set.of(200, 303, 400, 401, 403)), "answers seen: " + statuses);
    }

    @Test
    void errorAnswersOfTheHttpLayerCarryTheHeaders() {
        String token = Api.admin(http).token();
        Map<String, MutableHttpRequest<?>> requests = Map.of(
                "401", HttpRequest.GET("/api/trials"),
                "403", HttpRequest.POST("/api/users", "{}").bearerAuth(Api.as(http, member()).token()),
                "404", HttpRequest.GET("/api/nothing-here").bearerAuth(token),
                "405", HttpRequest.DELETE("/api/trials").bearerAuth(token),
                "413", HttpRequest.POST("/api/trials", "x".repeat(2 * 1024 * 1024)).contentType("application/yaml").bearerAuth(token),
                "415", HttpRequest.POST("/api/trials", "<x/>").contentType(MediaType.APPLICATION_XML_TYPE).bearerAuth(token));
        requests.forEach((status, request) -> {
            HttpResponse<?> response = exchange(request);
            assertEquals(status, Integer.toString(response.getStatus().getCode()), request.getPath());
            assertTrue(response.getContentType().orElseThrow().toString().startsWith("application/problem+json"), status);
            assertEquals(List.of(), missing(response, true), status);
        });
    }

    @Test
    void staticFilesAndTheApiDocumentMayBeCachedAndStillCarryThePolicy() {
        for (String path : List.of("/static/app.css", "/static/assess.js", "/swagger/trialkeeper-0.1.0.yml")) {
            HttpResponse<?> response = exchange(HttpRequest.GET(path));
            assertEquals(200, response.getStatus().getCode(), path);
            assertEquals(List.of(), missing(response, false), path);
            assertFalse(response.getHeaders().get(HttpHeaders.CACHE_CONTROL, String.class).orElse("").contains("no-store"), path);
        }
    }

    @Test
    void hstsOnlyWhenTheForwardedProtocolIsTrustedAndSaysHttps() {
        assertFalse(exchange(viaProxy()).getHeaders().contains("Strict-Transport-Security"), "untrusted header");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("trialkeeper.http.trust-forwarded-proto", true), "test");
             HttpClient behindProxy = HttpClient.create(server.getURL())) {
            assertEquals(SecurityHeaders.HSTS, behindProxy.toBlocking().exchange(viaProxy()).getHeaders()
                    .get("Strict-Transport-Security"));
            assertFalse(behindProxy.toBlocking().exchange(HttpRequest.GET("/health")).getHeaders()
                    .contains("Strict-Transport-Security"), "plain HTTP");
        }
    }

    /** A new request each time: the client makes a request's address absolute when it sends it. */
    private static HttpRequest<?> viaProxy() {
        return HttpRequest.GET("/health").header("X-Forwarded-Proto", "https");
    }

    private String member() {
        String username = Api.unique("headers-member");
        Api.admin(http).createMember(username);
        return username;
    }

    private static List<String> missing(HttpResponse<?> response, boolean noStore) {
        HttpHeaders headers = response.getHeaders();
        List<String> missing = new ArrayList<>();
        String policy = headers.get("Content-Security-Policy", String.class).orElse("");
        if (!policy.contains("frame-ancestors 'none'") || !policy.contains("script-src 'self'")
                || policy.contains("script-src 'self' 'unsafe-inline'")) {
            missing.add("Content-Security-Policy");
        }
        if (!"nosniff".equals(headers.get("X-Content-Type-Options"))) {
            missing.add("X-Content-Type-Options");
        }
        if (!"same-origin".equals(headers.get("Referrer-Policy"))) {
            missing.add("Referrer-Policy");
        }
        if (noStore && !"no-store".equals(headers.get(HttpHeaders.CACHE_CONTROL))) {
            missing.add("Cache-Control: no-store");
        }
        return missing;
    }

    private HttpResponse<?> exchange(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }
}
