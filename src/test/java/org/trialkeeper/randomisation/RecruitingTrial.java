package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.support.Api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A trial registered from a protocol, with one member in each role, moved to RECRUITING. */
final class RecruitingTrial {

    final Api admin;
    final Api coordinator;
    final Api investigator;
    final Api statistician;
    final Api assessor;
    final long id;

    RecruitingTrial(HttpClient http, String yaml) {
        admin = Api.admin(http);
        id = admin.register(yaml);
        coordinator = member(http, "COORDINATOR");
        investigator = member(http, "INVESTIGATOR");
        statistician = member(http, "STATISTICIAN");
        assessor = member(http, "ASSESSOR");
        move("RECRUITING");
    }

    private Api member(HttpClient http, String role) {
        String username = Api.unique(role.toLowerCase());
        admin.assign(id, admin.createMember(username), role);
        return Api.as(http, username);
    }

    void move(String status) {
        admin.retrieve(HttpRequest.POST("/api/trials/" + id + "/status", Map.of("status", status)), Map.class);
    }

    /** Screens an eligible, consenting nurse of the seed trial; answers the participant's id. */
    long enrol(String code, String sex) {
        return screen(code, sex, true, "given");
    }

    long screen(String code, String sex, boolean eligible, String consent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("site", "RAZI");
        body.put("baseline", Map.of("age", 34, "sex", sex, "marital", "married", "education", "bachelor"));
        body.put("eligibility", Map.of("I1", true, "I2", eligible, "E1", false, "E2", false));
        body.put("consent", consent);
        Map<?, ?> participant = coordinator.retrieve(HttpRequest.POST("/api/trials/" + id + "/participants", body), Map.class);
        return ((Number) participant.get("id")).longValue();
    }

    Map<?, ?> randomise(long participantId, String key) {
        return coordinator.retrieve(HttpRequest.POST("/api/trials/" + id + "/participants/" + participantId
                + "/randomisation", "").header("Idempotency-Key", key), Map.class);
    }

    String path(String rest) {
        return "/api/trials/" + id + rest;
    }
}
