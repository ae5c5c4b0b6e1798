package org.trialkeeper.harms;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.harms.AdverseEvents.event;
import static org.trialkeeper.harms.AdverseEvents.notices;
import static org.trialkeeper.harms.AdverseEvents.record;
import static org.trialkeeper.harms.AdverseEvents.rules;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** Recording, correcting and validating adverse events, and who may do so. */
@MicronautTest(transactional = false)
class HarmsApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aCoordinatorRecordsAnAdverseEventAndACorrectionKeepsTheEarlierValuesInTheAuditTrail() {
        RecruitingTrial trial = AdverseEvents.trial(http, null);
        long id = trial.enrol("AE-1", "female");
        trial.randomise(id, Api.unique("key"));
        Map<?, ?> recorded = record(trial, id, event(false, "possible"));
        assertEquals("AE-1", recorded.get("participantCode"));
        assertEquals(1, recorded.get("revision"));
        assertEquals("possible", recorded.get("relatedness"));
        String path = trial.path("/participants/" + id + "/adverse-events/" + recorded.get("id"));

        Map<String, Object> correction = event(false, "unlikely");
        Map<String, Object> refused = problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> trial.coordinator.retrieve(HttpRequest.PUT(path, correction), Map.class));
        assertEquals(Set.of("reason required"), rules(refused));
        correction.put("reason", "the physician's assessment came in");
        correction.put("outcome", "recovered");
        Map<?, ?> corrected = trial.coordinator.retrieve(HttpRequest.PUT(path, correction), Map.class);
        assertEquals(2, corrected.get("revision"));
        assertEquals("recovered", corrected.get("outcome"));
        List<Map> listed = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants/" + id + "/adverse-events")),
                Argument.listOf(Map.class));
        assertEquals(1, listed.size(), "a correction replaces, never adds");

        List<AuditView> trail = trial.admin.wholeTrail().stream()
                .filter(r -> Long.valueOf(trial.id).equals(r.trialId()) && r.action().startsWith("adverse-event.")).toList();
        assertEquals(List.of("adverse-event.recorded", "adverse-event.corrected"), trail.stream().map(AuditView::action).toList());
        AuditView change = trail.get(1);
        assertTrue(change.before().contains("\"relatedness\":\"possible\"") && change.before().contains("\"recovering\""),
                change.before());
        assertTrue(change.after().contains("\"relatedness\":\"unlikely\"") && change.after().contains("\"recovered\""));
        assertEquals("the physician's assessment came in", change.reason());

        List<AuditView> seenByInvestigator = trial.investigator.retrieve(HttpRequest.GET(trial.path("/audit")),
                Argument.listOf(AuditView.class)).stream().filter(r -> r.action().startsWith("adverse-event.")).toList();
        assertEquals(2, seenByInvestigator.size());
        assertTrue(seenByInvestigator.stream().allMatch(AuditView::redacted), "relatedness may tell the arm");
        assertFalse(seenByInvestigator.get(1).after().contains("unlikely"));
    }

    @Test
    void everyBrokenRuleIsNamedAndNothingIsStored() {
        RecruitingTrial trial = AdverseEvents.trial(http, null);
        long id = trial.enrol("AE-2", "male");
        String path = trial.path("/participants/" + id + "/adverse-events");
        problem(HttpStatus.CONFLICT, "not-randomised", () -> record(trial, id, event(false, "not-related")));
        trial.randomise(id, Api.unique("key"));

        assertEquals(Set.of("onset required", "description required", "serious required", "severity required",
                "relatedness required", "outcome required"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> trial.coordinator.retrieve(HttpRequest.POST(path, Map.of()), Map.class))));

        Map<String, Object> broken = event(true, "likely");
        broken.put("criteria", List.of());
        broken.put("onset", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        broken.put("severity", "grave");
        broken.put("outcome", "fatal");
        assertEquals(Set.of("criteria required", "onset not-future", "severity one-of", "relatedness one-of",
                "outcome fatal-needs-death"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> record(trial, id, broken))));

        Map<String, Object> notSerious = event(false, "possible");
        notSerious.put("criteria", List.of("death"));
        notSerious.put("onset", "5 May");
        notSerious.put("serious", "no");
        assertEquals(Set.of("serious type", "onset format"), rules(problem(HttpStatus.BAD_REQUEST,
                "invalid-request", () -> record(trial, id, notSerious))));

        Map<String, Object> wrongCriteria = event(false, "possible");
        wrongCriteria.put("criteria", List.of("death"));
        assertEquals(Set.of("criteria serious-only"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> record(trial, id, wrongCriteria))));

        Map<String, Object> twice = event(true, "possible");
        twice.put("criteria", List.of("hospitalisation", "hospitalisation", "bad-luck"));
        assertEquals(Set.of("criteria[1] duplicate", "criteria[2] one-of"), rules(problem(HttpStatus.BAD_REQUEST,
                "invalid-request", () -> record(trial, id, twice))));

        Map<String, Object> early = event(false, "possible");
        early.put("onset", LocalDate.now(ZoneOffset.UTC).minusDays(3).toString());
        assertEquals(Set.of("onset before-randomisation"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> record(trial, id, early))));

        assertEquals(List.of(), trial.coordinator.retrieve(HttpRequest.GET(path), Argument.listOf(Map.class)));
        Map<String, Object> correction = event(false, "possible");
        correction.put("reason", "typing error");
        problem(HttpStatus.NOT_FOUND, "not-found", () -> trial.coordinator.retrieve(HttpRequest.PUT(path + "/999999",
                correction), Map.class));
    }

    @Test
    void theAssessorCanNeitherRecordNorSeeHarms() {
        RecruitingTrial trial = AdverseEvents.trial(http, List.of("INVESTIGATOR", "STATISTICIAN", "COORDINATOR"));
        long id = trial.enrol("AE-3", "female");
        trial.randomise(id, Api.unique("key"));
        long event = ((Number) record(trial, id, event(true, "possible")).get("id")).longValue();
        String path = trial.path("/participants/" + id + "/adverse-events");
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.POST(path, event(false, "possible")), Map.class));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.GET(path)));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.GET(trial.path("/serious-adverse-events"))));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.POST(
                trial.path("/serious-adverse-events/" + event + "/acknowledgement"), "")));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.investigator.retrieve(HttpRequest.POST(path, event(false, "possible")), Map.class));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.investigator.retrieve(HttpRequest.GET(path)));
        assertEquals(1, notices(trial.statistician, trial, "").size(), "every role the protocol names is notified");
        assertEquals(1, notices(trial.coordinator, trial, "").size());
    }
}
