package org.trialkeeper.registry;

import io.micronaut.core.type.Argument;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class RegistryRecordApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aDraftTrialHasItsRecordAndTheCheckListsWhatARegistryStillAsksFor() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("registry")));
        String investigator = Api.unique("investigator");
        admin.assign(trialId, admin.createMember(investigator), "INVESTIGATOR");
        Api asInvestigator = Api.as(http, investigator);

        Map<?, ?> record = asInvestigator.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/registry-record"), Map.class);
        assertEquals("WHO Trial Registration Data Set 1.3.1", record.get("dataSet"));
        List<Map<?, ?>> items = (List<Map<?, ?>>) record.get("items");
        assertEquals(24, items.size());
        assertEquals(List.of("Pending"), items.get(17).get("answer"), "before recruitment opens");
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 11, 12, 16, 22, 23, 24), record.get("missing"));

        List<Map<String, Object>> check = asInvestigator.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/protocol/registry-check"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 21, 22, 23, 24),
                check.stream().map(item -> ((Number) item.get("number")).intValue()).toList());

        String text = asInvestigator.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/registry-record.txt"));
        assertTrue(text.contains("1. Primary registry and trial identifying number\n   IRCT IRCT20230211057383N1\n"), text);
        assertTrue(text.contains("12. Health condition(s) or problem(s) studied\n   Still to give: "), text);

        String amended = ProtocolFiles.seedVariantYaml((String) record.get("shortName"), tree -> tree.put("registry",
                Map.of("conditions", List.of("Occupational stress"), "countries", List.of("Iran"), "firstEnrolment", "2022-10-01")));
        asInvestigator.retrieve(HttpRequest.PUT("/api/trials/" + trialId + "/protocol", amended).contentType(Api.YAML), Map.class);
        Map<?, ?> answered = asInvestigator.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/registry-record"), Map.class);
        assertEquals(2, answered.get("protocolVersion"));
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 22, 23, 24), answered.get("missing"), "countries, condition and first enrolment answered");
        assertEquals(List.of("Occupational stress"), ((List<Map<?, ?>>) answered.get("items")).get(11).get("answer"));
        String badDate = ProtocolFiles.seedVariantYaml((String) record.get("shortName"),
                tree -> tree.put("registry", Map.of("completion", "31/12/2022")));
        Map<String, Object> refused = problem(HttpStatus.BAD_REQUEST, "invalid-protocol", () -> asInvestigator.retrieve(
                HttpRequest.PUT("/api/trials/" + trialId + "/protocol", badDate).contentType(Api.YAML), Map.class));
        assertEquals(List.of(Map.of("field", "registry.completion", "rule", "date", "message", "must be a date as YYYY-MM-DD")),
                refused.get("violations"));
    }

    @Test
    void theRecordIsTheSameBeforeAndAfterRandomisationAndTheBlindedCannotReadIt() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "registry", 30);
        String before = trial.investigator.retrieve(HttpRequest.GET(trial.path("/registry-record")));
        for (int i = 0; i < 4; i++) {
            trial.randomise(trial.enrol("G-" + i, i % 2 == 0 ? "female" : "male"), Api.unique("key"));
        }
        assertEquals(before, trial.statistician.retrieve(HttpRequest.GET(trial.path("/registry-record"))),
                "nothing about any participant goes into the record");
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.GET(trial.path("/registry-record"))));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/protocol/registry-check"))));
    }
}
