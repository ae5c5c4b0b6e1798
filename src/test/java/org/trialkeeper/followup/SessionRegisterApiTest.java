package org.trialkeeper.followup;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session recorded for the whole intervention arm at once: all or nothing, paged, and only for those who may see arms. */
@MicronautTest(transactional = false)
class SessionRegisterApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    /** A recruiting trial with participants randomised until the intervention arm has {@code wanted}; answers their ids by arm. */
    private static Map<String, List<Long>> randomised(RecruitingTrial trial, int wanted) {
        Map<String, List<Long>> byArm = new LinkedHashMap<>(Map.of("BALINT", new ArrayList<>(), "WAITLIST", new ArrayList<>()));
        for (int i = 0; byArm.get("BALINT").size() < wanted || byArm.get("WAITLIST").isEmpty(); i++) {
            long id = trial.enrol("R-" + i, i % 2 == 0 ? "female" : "male");
            byArm.get((String) trial.randomise(id, "register-" + i).get("arm")).add(id);
        }
        return byArm;
    }

    private static Map<String, Object> mark(long participantId, boolean present) {
        return Map.of("participantId", participantId, "present", present);
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Object> recorded(Map<?, ?> register) {
        Map<Long, Object> recorded = new LinkedHashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) register.get("participants")) {
            recorded.put(((Number) row.get("participantId")).longValue(), row.get("present"));
        }
        return recorded;
    }

    @Test
    void oneRequestRecordsASessionForTheWholeInterventionArmAndTheRegisterShowsIt() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "register", 30);
        Map<String, List<Long>> arms = randomised(trial, 3);
        List<Long> balint = arms.get("BALINT");

        Map<?, ?> before = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/2/attendance")), Map.class);
        assertEquals(balint, new ArrayList<>(recorded(before).keySet()), "the register lists the intervention arm, in allocation order");
        assertTrue(recorded(before).values().stream().allMatch(v -> v == null), "nothing is recorded yet");

        List<Map<String, Object>> marks = new ArrayList<>();
        for (int i = 0; i < balint.size(); i++) {
            marks.add(mark(balint.get(i), i != 0));
        }
        assertEquals(HttpStatus.NO_CONTENT, trial.coordinator.exchange(HttpRequest.PUT(trial.path("/sessions/2/attendance"),
                Map.of("participants", marks))).getStatus());

        Map<Long, Object> after = recorded(trial.admin.retrieve(HttpRequest.GET(trial.path("/sessions/2/attendance")), Map.class));
        assertEquals(false, after.get(balint.get(0)));
        for (Long other : balint.subList(1, balint.size())) {
            assertEquals(true, after.get(other));
        }
        Map<?, ?> first = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants/" + balint.get(0)
                + "/attendance")), Map.class);
        assertEquals(1, first.get("absences"), "the register records each participant's own attendance");

        Map<?, ?> paged = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/2/attendance?limit=2")), Map.class);
        assertEquals(balint.subList(0, 2), new ArrayList<>(recorded(paged).keySet()));
        Map<?, ?> next = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/2/attendance?limit=2&after="
                + paged.get("after"))), Map.class);
        assertEquals(balint.get(2), recorded(next).keySet().iterator().next(), "the next page starts where the last ended");
    }

    @Test
    void oneRefusedEntryRefusesTheWholeRegisterAndNamesTheEntry() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "register-refused", 30);
        Map<String, List<Long>> arms = randomised(trial, 2);
        long first = arms.get("BALINT").get(0);
        long waitlisted = arms.get("WAITLIST").get(0);

        Map<String, Object> problem = RecruitingTrial.problem(HttpStatus.CONFLICT, "no-sessions", () ->
                trial.coordinator.exchange(HttpRequest.PUT(trial.path("/sessions/1/attendance"),
                        Map.of("participants", List.of(mark(first, true), mark(waitlisted, true))))));
        assertTrue(String.valueOf(problem.get("detail")).startsWith("participants[1]"), problem::toString);
        Map<?, ?> register = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/1/attendance")), Map.class);
        assertNull(recorded(register).get(first), "nothing of a refused register is written");

        Map<String, Object> invalid = RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request", () ->
                trial.coordinator.exchange(HttpRequest.PUT(trial.path("/sessions/1/attendance"),
                        Map.of("participants", List.of(mark(first, true), Map.of("participantId", first, "present", "maybe"))))));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) invalid.get("violations");
        assertTrue(violations.stream().anyMatch(v -> "participants[1].present".equals(v.get("field"))), invalid::toString);
        assertTrue(violations.stream().anyMatch(v -> "participants[1].participantId".equals(v.get("field"))
                && "unique".equals(v.get("rule"))), invalid::toString);

        RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.coordinator.exchange(
                HttpRequest.GET(trial.path("/sessions/9/attendance"))));
        RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.coordinator.exchange(
                HttpRequest.PUT(trial.path("/sessions/1/attendance"), Map.of("participants", List.of()))));
    }

    @Test
    void aChangeOfRecordedAttendanceNeedsTheReasonAndTheAssessorNeverSeesTheRegister() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "register-change", 30);
        long first = randomised(trial, 1).get("BALINT").get(0);
        trial.coordinator.exchange(HttpRequest.PUT(trial.path("/sessions/3/attendance"),
                Map.of("participants", List.of(mark(first, true)))));

        RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.coordinator.exchange(
                HttpRequest.PUT(trial.path("/sessions/3/attendance"), Map.of("participants", List.of(mark(first, false))))));
        trial.coordinator.exchange(HttpRequest.PUT(trial.path("/sessions/3/attendance"),
                Map.of("participants", List.of(mark(first, false)), "reason", "entered against the wrong name")));
        assertEquals(false, recorded(trial.coordinator.retrieve(HttpRequest.GET(trial.path("/sessions/3/attendance")),
                Map.class)).get(first));

        for (var reader : List.of(trial.assessor, trial.investigator, trial.statistician)) {
            RecruitingTrial.problem(HttpStatus.FORBIDDEN, "forbidden", () -> reader.exchange(
                    HttpRequest.GET(trial.path("/sessions/3/attendance"))));
        }
        RecruitingTrial.problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.exchange(
                HttpRequest.PUT(trial.path("/sessions/3/attendance"), Map.of("participants", List.of(mark(first, true))))));
    }
}
