package org.trialkeeper.support.conformance;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check every HTTP test's exchanges go through finds what a client generated from the API
 * document would trip on, and passes what the service really answers.
 */
class ApiConformanceTest {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));
    private static final Map<String, List<String>> SIGNED_IN = Map.of("Authorization", List.of("Bearer x.y.z"),
            "Content-Type", List.of("application/json"));

    private static WireExchange exchange(String method, String uri, Map<String, List<String>> requestHeaders,
                                         String request, int status, Map<String, List<String>> responseHeaders,
                                         String response) {
        return new WireExchange(method, uri, requestHeaders, request.getBytes(StandardCharsets.UTF_8), status,
                responseHeaders, response.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aProtocolEnumAsOnTheWireConforms() {
        String protocol = "{\"shortName\":\"x\",\"randomisation\":{\"scheme\":\"stratified-blocks\"},"
                + "\"analysis\":{\"population\":\"complete-cases\"}}";
        List<String> problems = ApiConformance.problems(exchange("GET", "/api/trials/1/protocol", SIGNED_IN, "",
                200, JSON, protocol));
        assertEquals(List.of(), problems);
    }

    @Test
    void anEnumValueTheServiceNeverWritesIsFound() {
        List<String> problems = ApiConformance.problems(exchange("GET", "/api/trials/1/protocol", SIGNED_IN, "",
                200, JSON, "{\"randomisation\":{\"scheme\":\"STRATIFIED_BLOCKS\"}}"));
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("STRATIFIED_BLOCKS")), problems::toString);
    }

    @Test
    void aStatusTheDocumentDoesNotListIsFound() {
        List<String> problems = ApiConformance.problems(exchange("GET", "/api/trials", SIGNED_IN, "",
                418, PROBLEM, "{\"type\":\"urn:x\",\"title\":\"t\",\"status\":418}"));
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith("validation.response.status.unknown")),
                problems::toString);
    }

    @Test
    void aProblemWithoutItsTypeIsFound() {
        List<String> problems = ApiConformance.problems(exchange("GET", "/api/trials/1", SIGNED_IN, "",
                404, PROBLEM, "{\"title\":\"Not found\",\"status\":404}"));
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("type")), problems::toString);
    }

    @Test
    void anAcceptedRequestTheDocumentForbidsIsFound() {
        List<String> problems = ApiConformance.problems(exchange("PUT", "/api/trials/1/participants/2/attendance/1",
                SIGNED_IN, "{\"present\":\"yes\"}", 200, JSON, "{}"));
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith("validation.request.body")),
                problems::toString);
    }

    @Test
    void aRefusedRequestIsNotHeldToTheDocument() {
        List<String> problems = ApiConformance.problems(exchange("PUT", "/api/trials/1/participants/2/attendance/1",
                SIGNED_IN, "{\"present\":\"yes\"}", 400, PROBLEM,
                "{\"type\":\"urn:trialkeeper:problem:invalid-attendance\",\"title\":\"Invalid\",\"status\":400}"));
        assertEquals(List.of(), problems);
    }
}
