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
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class HarmsApiTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    @Client("/")
    HttpClient http;

    private RecruitingTrial trial(List<String> notify) {
        return new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("harms"), tree -> {
            tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2)));
            if (notify != null) {
                tree.put("harms", Map.of("notify", notify));
            }
        }));
    }

    private static Map<String, Object> event(boolean serious, String relatedness) {
        Map<String, Object> body = new HashMap<>(Map.of("onset", TODAY, "description", "fainted at work",
                "serious", serious, "severity", "moderate", "relatedness", relatedness, "outcome", "recovering"));
        body.put("criteria", serious ? List.of("hospitalisation") : List.of());
        return body;
    }

    private static Map<?, ?> record(RecruitingTrial trial, long participant, Map<String, Object> body) {
        return trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/adverse-events"),
                body), Map.class);
    }

    private static List<Map<String, Object>> notices(Api reader, RecruitingTrial trial, String query) {
        return reader.retrieve(HttpRequest.GET(trial.path("/serious-adverse-events" + query)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private static Set<String> rules(Map<String, Object> problem) {
        return ((List<?>) problem.get("violations")).stream().map(v -> ((Map<?, ?>) v).get("field") + " "
                + ((Map<?, ?>) v).get("rule")).collect(Collectors.toSet());
    }

    @Test
    void aCoordinatorRecordsAnAdverseEventAndACorrectionKeepsTheEarlierValuesInTheAuditTrail() {
        RecruitingTrial trial = trial(null);
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
        RecruitingTrial trial = trial(null);
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
        RecruitingTrial trial = trial(List.of("INVESTIGATOR", "STATISTICIAN", "COORDINATOR"));
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

    @Test
    void aSeriousEventIsOpenToEachNotifiedMemberUntilTheyAcknowledgeItAndACorrectionReopensIt() {
        RecruitingTrial trial = trial(null);
        long id = trial.enrol("AE-4", "female");
        trial.randomise(id, Api.unique("key"));
        long minor = ((Number) record(trial, id, event(false, "possible")).get("id")).longValue();
        assertEquals(List.of(), notices(trial.investigator, trial, ""), "only serious events are notices");
        long serious = ((Number) record(trial, id, event(true, "probable")).get("id")).longValue();

        List<Map<String, Object>> open = notices(trial.investigator, trial, "");
        assertEquals(1, open.size());
        Map<String, Object> notice = open.get(0);
        assertEquals(serious, ((Number) notice.get("id")).longValue());
        assertEquals(List.of("hospitalisation"), notice.get("criteria"));
        assertEquals("AE-4", notice.get("participantCode"));
        assertFalse(notice.containsKey("relatedness") || notice.containsKey("arm"), notice.toString());
        assertEquals(1, notices(trial.admin, trial, "").size(), "nothing is hidden from an administrator");
        problem(HttpStatus.FORBIDDEN, "not-notified", () -> notices(trial.statistician, trial, ""));
        problem(HttpStatus.FORBIDDEN, "not-notified", () -> notices(trial.coordinator, trial, ""));

        String acknowledge = trial.path("/serious-adverse-events/" + serious + "/acknowledgement");
        Map<?, ?> acknowledged = trial.investigator.retrieve(HttpRequest.POST(acknowledge, ""), Map.class);
        assertEquals(true, acknowledged.get("acknowledgedByYou"));
        trial.investigator.retrieve(HttpRequest.POST(acknowledge, ""), Map.class);
        assertEquals(List.of(), notices(trial.investigator, trial, ""));
        List<Map<String, Object>> all = notices(trial.investigator, trial, "?all=true");
        assertEquals(1, ((List<?>) all.get(0).get("acknowledgements")).size(), "acknowledging twice is once");
        problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> notices(trial.investigator, trial, "?all=maybe"));
        assertEquals(1, trial.admin.wholeTrail().stream().filter(r -> "adverse-event.acknowledged".equals(r.action())
                && Long.valueOf(trial.id).equals(r.trialId())).count());
        problem(HttpStatus.NOT_FOUND, "not-found", () -> trial.investigator.retrieve(HttpRequest.POST(
                trial.path("/serious-adverse-events/" + minor + "/acknowledgement"), ""), Map.class));

        Map<String, Object> correction = event(true, "probable");
        correction.put("criteria", List.of("hospitalisation", "life-threatening"));
        correction.put("reason", "admitted to intensive care");
        trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + id + "/adverse-events/" + serious),
                correction), Map.class);
        List<Map<String, Object>> reopened = notices(trial.investigator, trial, "");
        assertEquals(1, reopened.size());
        assertEquals(2, reopened.get(0).get("revision"));
    }

    @Test
    void aNoticeReadsTheSameWhicheverArmTheParticipantIsIn() {
        RecruitingTrial trial = trial(List.of("INVESTIGATOR", "STATISTICIAN"));
        long first = trial.enrol("TWIN-1", "female");
        long second = trial.enrol("TWIN-2", "female");
        String firstArm = (String) trial.randomise(first, Api.unique("key")).get("arm");
        String secondArm = (String) trial.randomise(second, Api.unique("key")).get("arm");
        assertFalse(firstArm.equals(secondArm), "blocks of two put the twins in different arms");
        record(trial, first, event(true, firstArm.equals("BALINT") ? "probable" : "not-related"));
        record(trial, second, event(true, secondArm.equals("BALINT") ? "probable" : "not-related"));
        for (Api reader : List.of(trial.investigator, trial.statistician)) {
            String text = reader.retrieve(HttpRequest.GET(trial.path("/serious-adverse-events")));
            for (String word : List.of("BALINT", "WAITLIST", "Balint", "Waitlist", "probable", "not-related", "arm")) {
                assertFalse(text.contains(word), word + " in " + text);
            }
            List<Map<String, Object>> notices = notices(reader, trial, "");
            assertEquals(2, notices.size());
            assertEquals(alike(notices.get(0)), alike(notices.get(1)));
        }
    }

    private static Map<String, Object> alike(Map<String, Object> notice) {
        Map<String, Object> kept = new HashMap<>(notice);
        kept.keySet().removeAll(Set.of("id", "participantId", "participantCode", "recordedAt"));
        return kept;
    }
}
