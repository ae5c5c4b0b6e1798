package org.trialkeeper.monitoring;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.trialkeeper.support.RecruitingTrial.problem;

/**
 * The monitor over HTTP: blocks of 2 at two sites, where RAZI's recruiter enrols only when the
 * convergence guess names the arm (the second of each block) and OTHER's takes every first.
 */
@MicronautTest(transactional = false)
class PredictabilityApiTest {

    private static final Map<String, Object> NURSE = Map.of("age", 34, "sex", "female", "marital", "married",
            "education", "bachelor");

    @Inject
    @Client("/")
    HttpClient http;

    private RecruitingTrial trial(Map<String, Object> monitoring) {
        return new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("monitor"), tree -> {
            tree.put("targetSampleSize", 40);
            tree.put("sites", List.of(Map.of("code", "RAZI", "name", "Razi Hospital"),
                    Map.of("code", "OTHER", "name", "Another hospital")));
            tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2)));
            if (monitoring != null) {
                tree.put("monitoring", monitoring);
            }
        }));
    }

    private static Map<?, ?> figures(Api caller, RecruitingTrial trial) {
        return caller.retrieve(HttpRequest.GET(trial.path("/randomisation/predictability")), Map.class);
    }

    @Test
    void theAdministratorSeesTheSiteThatEnrolsOnANamedArmFlaggedAndNoArm() {
        RecruitingTrial trial = trial(null);
        Map<?, ?> before = figures(trial.admin, trial);
        assertEquals(0, ((Number) ((Map<?, ?>) before.get("overall")).get("allocations")).intValue());
        for (int i = 0; i < 20; i++) {
            String site = i % 2 == 0 ? "OTHER" : "RAZI";
            trial.randomise(trial.enrol("M-" + i, site, NURSE), Api.unique("key"));
        }
        Map<?, ?> figures = figures(trial.admin, trial);
        assertEquals(0.75, ((Number) figures.get("expectedShare")).doubleValue(), 1e-12, "blocks of 2");
        assertEquals(0.85, ((Number) figures.get("warnAbove")).doubleValue(), 1e-12);
        assertEquals(Map.of("allocations", 20, "correctGuesses", 15.0, "share", 0.75, "warning", false),
                figures.get("overall"));
        assertEquals(List.of(
                Map.of("site", "RAZI", "allocations", 10, "correctGuesses", 10.0, "share", 1.0, "warning", true),
                Map.of("site", "OTHER", "allocations", 10, "correctGuesses", 5.0, "share", 0.5, "warning", false)),
                figures.get("sites"));
        String body = trial.admin.retrieve(HttpRequest.GET(trial.path("/randomisation/predictability")), String.class);
        assertFalse(body.contains("BALINT") || body.contains("WAITLIST") || body.contains("M-"), body);
    }

    @Test
    void onlyTheRolesTheProtocolNamesMonitorAndNeverTheAssessor() {
        RecruitingTrial byDefault = trial(null);
        problem(HttpStatus.FORBIDDEN, "not-monitoring", () -> figures(byDefault.coordinator, byDefault));
        problem(HttpStatus.FORBIDDEN, "not-monitoring", () -> figures(byDefault.statistician, byDefault));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> figures(byDefault.assessor, byDefault));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> figures(byDefault.investigator, byDefault));

        RecruitingTrial named = trial(Map.of("roles", List.of("STATISTICIAN", "COORDINATOR"), "warnAbove", 0.9));
        assertEquals(0.9, ((Number) figures(named.statistician, named).get("warnAbove")).doubleValue(), 1e-12);
        figures(named.coordinator, named);
        problem(HttpStatus.FORBIDDEN, "not-monitoring", () -> figures(named.admin, named));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> figures(named.assessor, named));
    }
}
