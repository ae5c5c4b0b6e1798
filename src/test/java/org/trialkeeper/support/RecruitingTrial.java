package org.trialkeeper.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A trial registered from a protocol, with one member in each role, moved to RECRUITING. */
public final class RecruitingTrial {

    public final Api admin;
    public final Api coordinator;
    public final Api investigator;
    public final Api statistician;
    public final Api assessor;
    public final long id;
    /** Each member's user name, by role, to sign in on the pages. */
    public final Map<String, String> usernames = new LinkedHashMap<>();

    public RecruitingTrial(HttpClient http, String yaml) {
        admin = Api.admin(http);
        id = admin.register(yaml);
        coordinator = member(http, "COORDINATOR");
        investigator = member(http, "INVESTIGATOR");
        statistician = member(http, "STATISTICIAN");
        assessor = member(http, "ASSESSOR");
        move("RECRUITING");
    }

    /** The seed trial under a new name, with room for the given number of participants. */
    public static RecruitingTrial ofSize(HttpClient http, String name, int participants) {
        return new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique(name),
                tree -> tree.put("targetSampleSize", participants)));
    }

    private Api member(HttpClient http, String role) {
        String username = Api.unique(role.toLowerCase());
        admin.assign(id, admin.createMember(username), role);
        usernames.put(role, username);
        return Api.as(http, username);
    }

    public void move(String status) {
        admin.retrieve(HttpRequest.POST("/api/trials/" + id + "/status", Map.of("status", status)), Map.class);
    }

    /** Screens an eligible, consenting nurse of the seed trial; answers the participant's id. */
    public long enrol(String code, String sex) {
        return screen(code, sex, true, "given");
    }

    /** Enrols {@code codePrefix} followed by 0, 1, ..., women and men in turn; answers their ids in order. */
    public List<Long> enrolAll(String codePrefix, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(enrol(codePrefix + i, i % 2 == 0 ? "female" : "male"));
        }
        return ids;
    }

    public long screen(String code, String sex, boolean eligible, String consent) {
        return screen(code, "RAZI", Map.of("age", 34, "sex", sex, "marital", "married", "education", "bachelor"),
                eligible, consent);
    }

    /** Enrols an eligible, consenting participant at this site with these baseline answers; answers the id. */
    public long enrol(String code, String site, Map<String, Object> baseline) {
        return screen(code, site, baseline, true, "given");
    }

    private long screen(String code, String site, Map<String, Object> baseline, boolean eligible, String consent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("site", site);
        body.put("baseline", baseline);
        body.put("eligibility", Map.of("I1", true, "I2", eligible, "E1", false, "E2", false));
        body.put("consent", consent);
        Map<?, ?> participant = coordinator.retrieve(HttpRequest.POST("/api/trials/" + id + "/participants", body), Map.class);
        return ((Number) participant.get("id")).longValue();
    }

    public Map<?, ?> randomise(long participantId, String key) {
        return coordinator.retrieve(HttpRequest.POST("/api/trials/" + id + "/participants/" + participantId
                + "/randomisation", "").header("Idempotency-Key", key), Map.class);
    }

    public String path(String rest) {
        return "/api/trials/" + id + rest;
    }

    /** Checks that a call fails with the given status and problem code; answers the problem body. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> problem(HttpStatus status, String code, Runnable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:trialkeeper:problem:" + code, body.get("type"), body::toString);
        return body;
    }
}
