package org.trialkeeper.harms;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.trialkeeper.harms.AdverseEvents.event;
import static org.trialkeeper.harms.AdverseEvents.notices;
import static org.trialkeeper.harms.AdverseEvents.record;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** Serious adverse events as notices to the roles the protocol names, acknowledged one revision at a time. */
@MicronautTest(transactional = false)
class SeriousEventNoticesTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aSeriousEventIsOpenToEachNotifiedMemberUntilTheyAcknowledgeItAndACorrectionReopensIt() {
        RecruitingTrial trial = AdverseEvents.trial(http, null);
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
        RecruitingTrial trial = AdverseEvents.trial(http, List.of("INVESTIGATOR", "STATISTICIAN"));
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
