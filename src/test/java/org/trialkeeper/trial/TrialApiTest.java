package org.trialkeeper.trial;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.support.Api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TrialApiTest {

    static final MediaType YAML = MediaType.of("application/yaml");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @ParameterizedTest
    @MethodSource("org.trialkeeper.protocol.ProtocolFiles#all")
    void everyProtocolFileRoundTripsThroughTheApi(Path file) throws Exception {
        String name = unique("rt");
        String yaml = ProtocolFiles.renamed(file, name);
        HttpResponse<TrialView> created = client().exchange(
                HttpRequest.POST("/api/trials", yaml).contentType(YAML), TrialView.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        TrialView trial = created.body();
        assertEquals("/api/trials/" + trial.id(), created.header("Location"));
        assertEquals(TrialStatus.DRAFT, trial.status());

        String served = client().retrieve(HttpRequest.GET("/api/trials/" + trial.id() + "/protocol"));
        assertEquals(ProtocolReader.read(yaml), ProtocolReader.read(served));
        String source = client().retrieve(HttpRequest.GET("/api/trials/" + trial.id() + "/protocol/source"));
        assertEquals(yaml, source);

        HttpResponse<TrialView> again = client().exchange(HttpRequest.POST("/api/trials",
                served.replace(name, name + "-json")).contentType(MediaType.APPLICATION_JSON_TYPE), TrialView.class);
        assertEquals(HttpStatus.CREATED, again.getStatus());
    }

    @Test
    void servedProtocolSpellsValuesAsTheFilesDo() throws Exception {
        long id = register(unique("spelling")).id();
        Map<?, ?> protocol = json.readValue(client().retrieve(HttpRequest.GET("/api/trials/" + id + "/protocol")), Map.class);
        assertEquals("simple", ((Map<?, ?>) protocol.get("randomisation")).get("scheme"));
        assertEquals("in-person", ((Map<?, ?>) protocol.get("intervention")).get("delivery"));
        assertEquals("complete-cases", ((Map<?, ?>) protocol.get("analysis")).get("population"));
    }

    @Test
    void registeredTrialsAreListedAndFound() {
        TrialView trial = register(unique("listed"));
        List<TrialView> all = client().retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(TrialView.class));
        assertTrue(all.contains(trial), () -> "the list holds " + trial + " as registered: " + all);
        assertEquals(trial, client().retrieve(HttpRequest.GET("/api/trials/" + trial.id()), TrialView.class));
        assertEquals("IRCT20230211057383N1", trial.registryId());
    }

    @Test
    void aTrialMovesForwardsThroughItsLifeAndNeverBack() {
        long id = register(unique("life")).id();
        assertEquals(TrialStatus.RECRUITING, move(id, "RECRUITING").status());
        assertProblem(HttpStatus.CONFLICT, "invalid-transition", () -> move(id, "DRAFT"));
        assertProblem(HttpStatus.CONFLICT, "invalid-transition", () -> move(id, "LOCKED"));
        assertEquals(TrialStatus.FOLLOW_UP, move(id, "FOLLOW_UP").status());
        assertEquals(TrialStatus.LOCKED, move(id, "LOCKED").status());
        assertProblem(HttpStatus.CONFLICT, "invalid-transition", () -> move(id, "LOCKED"));
        assertEquals(TrialStatus.LOCKED, find(id).status());
    }

    @Test
    void anUnknownStatusNamesTheField() {
        long id = register(unique("status")).id();
        Map<String, Object> problem = assertProblem(HttpStatus.BAD_REQUEST, "invalid-request", () -> move(id, "PAUSED"));
        assertEquals(List.of(Map.of("field", "status", "rule", "one-of")), fieldsAndRules(problem));
    }

    @Test
    void aDraftAmendmentIsANewVersionAndKeepsTheOld() {
        String name = unique("amend");
        long id = register(name).id();
        String amended = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, name).replace("targetSampleSize: 30", "targetSampleSize: 40");
        TrialView after = client().retrieve(HttpRequest.PUT("/api/trials/" + id + "/protocol", amended).contentType(YAML), TrialView.class);
        assertEquals(2, after.protocolVersion());
        List<Map> versions = client().retrieve(HttpRequest.GET("/api/trials/" + id + "/protocol/versions"), Argument.listOf(Map.class));
        assertEquals(List.of(1, 2), versions.stream().map(v -> ((Number) v.get("version")).intValue()).toList());
        assertEquals(30, protocolVersion(id, 1).targetSampleSize());
        assertEquals(40, protocolVersion(id, 2).targetSampleSize());
    }

    @Test
    void afterDraftTheArmsAreFrozenAndAnAmendmentNeedsAReason() {
        String name = unique("frozen");
        long id = register(name).id();
        move(id, "RECRUITING");
        String relabelled = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, name).replace("label: Waitlist control", "label: Usual care");
        Map<String, Object> frozen = assertProblem(HttpStatus.CONFLICT, "protocol-frozen", () -> client().exchange(
                HttpRequest.PUT("/api/trials/" + id + "/protocol?reason=relabel", relabelled).contentType(YAML)));
        assertEquals(List.of(Map.of("field", "arms", "rule", "frozen")), fieldsAndRules(frozen));

        String bigger = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, name).replace("targetSampleSize: 30", "targetSampleSize: 36");
        assertProblem(HttpStatus.BAD_REQUEST, "reason-required", () -> client().exchange(
                HttpRequest.PUT("/api/trials/" + id + "/protocol", bigger).contentType(YAML)));
        TrialView amended = client().retrieve(HttpRequest.PUT("/api/trials/" + id + "/protocol?reason=slower%20recruitment", bigger)
                .contentType(YAML), TrialView.class);
        assertEquals(2, amended.protocolVersion());
    }

    @Test
    void aRejectedProtocolStoresNothing() {
        int before = client().retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(TrialView.class)).size();
        String broken = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, unique("broken")).replace("itemMax: 5", "itemMax: 1");
        Map<String, Object> problem = assertProblem(HttpStatus.BAD_REQUEST, "invalid-protocol",
                () -> client().exchange(HttpRequest.POST("/api/trials", broken).contentType(YAML)));
        assertTrue(fieldsAndRules(problem).contains(Map.of("field", "instruments[0].itemMax", "rule", "item-range")));
        assertEquals(before, client().retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(TrialView.class)).size());
    }

    @Test
    void aShortNameIsRegisteredOnce() {
        String name = unique("twice");
        register(name);
        assertProblem(HttpStatus.CONFLICT, "duplicate-trial", () -> register(name));
    }

    @Test
    void errorsAreProblemDocuments() {
        assertProblem(HttpStatus.NOT_FOUND, "not-found", () -> client().exchange(HttpRequest.GET("/api/trials/999999")));
        assertProblem(HttpStatus.NOT_FOUND, "not-found", () -> client().exchange(HttpRequest.GET("/api/nothing-here")));
        assertProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                () -> client().exchange(HttpRequest.DELETE("/api/trials")));
        Map<String, Object> badId = assertProblem(HttpStatus.BAD_REQUEST, "bad-request",
                () -> client().exchange(HttpRequest.GET("/api/trials/abc")));
        assertEquals(List.of(Map.of("field", "trialId", "rule", "type")), fieldsAndRules(badId));
        assertProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", () -> client().exchange(
                HttpRequest.POST("/api/trials", "shortName: x").contentType(MediaType.TEXT_PLAIN_TYPE)));
        Map<String, Object> badProtocol = assertProblem(HttpStatus.BAD_REQUEST, "invalid-protocol", () -> client().exchange(
                HttpRequest.POST("/api/trials", "{\"shortName\": ").contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(List.of(Map.of("field", "$", "rule", "syntax")), fieldsAndRules(badProtocol));
        Map<String, Object> badJson = assertProblem(HttpStatus.BAD_REQUEST, "bad-request", () -> client().exchange(
                HttpRequest.POST("/api/trials/1/status", "{\"status\": ").contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(List.of(Map.of("field", "$", "rule", "syntax")), fieldsAndRules(badJson));
        assertProblem(HttpStatus.BAD_REQUEST, "invalid-protocol", () -> client().exchange(
                HttpRequest.POST("/api/trials", "").contentType(YAML)));
    }

    @Test
    void bodiesOverTheLimitAreRefused() {
        String huge = "title: " + "x".repeat(2 * 1024 * 1024);
        assertProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                () -> client().exchange(HttpRequest.POST("/api/trials", huge).contentType(YAML)));
    }

    @Test
    void healthAndApiDocumentsAreServed() {
        assertEquals(Map.of("status", "UP"), client().retrieve(HttpRequest.GET("/health"), Map.class));
        String openApi = client().retrieve(HttpRequest.GET("/swagger/trialkeeper-0.1.0.yml"));
        assertTrue(openApi.contains("/api/trials/{trialId}/status"), "the OpenAPI document lists the routes");
        String ui = client().retrieve(HttpRequest.GET("/swagger-ui/index.html"));
        assertTrue(ui.contains("trialkeeper-0.1.0.yml"), "the browsable UI points at the document: " + ui);
    }

    private TrialView register(String shortName) {
        return client().retrieve(HttpRequest.POST("/api/trials", ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName))
                .contentType(YAML), TrialView.class);
    }

    private TrialView move(long id, String status) {
        return client().retrieve(HttpRequest.POST("/api/trials/" + id + "/status", Map.of("status", status)), TrialView.class);
    }

    private TrialView find(long id) {
        return client().retrieve(HttpRequest.GET("/api/trials/" + id), TrialView.class);
    }

    private Protocol protocolVersion(long id, int version) {
        return ProtocolReader.read(client().retrieve(HttpRequest.GET("/api/trials/" + id + "/protocol/versions/" + version)));
    }

    private Map<String, Object> assertProblem(HttpStatus status, String code, Runnable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::getName).orElse(""));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:trialkeeper:problem:" + code, problem.get("type"));
        assertEquals(status.getCode(), ((Number) problem.get("status")).intValue());
        return problem;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fieldsAndRules(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("violations")).stream()
                .map(v -> Map.of("field", v.get("field"), "rule", v.get("rule"))).toList();
    }

    private Api admin;

    private Api client() {
        if (admin == null) {
            admin = Api.admin(http);
        }
        return admin;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
