package org.trialkeeper.followup;

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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class FollowUpApiTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    @Client("/")
    HttpClient http;

    /** A recruiting seed trial with at least one randomised participant in each arm. */
    private record TwoArms(RecruitingTrial trial, long balint, long waitlist) {
    }

    private TwoArms twoArms(String name) {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique(name)));
        Map<String, Long> first = new HashMap<>();
        for (int i = 0; first.size() < 2; i++) {
            long id = trial.enrol("N-" + i, "female");
            first.putIfAbsent((String) trial.randomise(id, "key-n" + i + "-follow").get("arm"), id);
        }
        return new TwoArms(trial, first.get("BALINT"), first.get("WAITLIST"));
    }

    private static Map<?, ?> attend(RecruitingTrial trial, long participant, int session, Map<String, Object> body) {
        return trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + participant + "/attendance/" + session),
                body), Map.class);
    }

    private static Map<?, ?> event(RecruitingTrial trial, long participant, Map<String, Object> body) {
        return trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/events"), body),
                Map.class);
    }

    private static Map<String, Object> event(String kind, String reason, String timepoint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("date", TODAY);
        body.put("reason", reason);
        if (timepoint != null) {
            body.put("timepoint", timepoint);
        }
        return body;
    }

    private static void enterPostTest(RecruitingTrial trial, long participant) {
        Map<String, Integer> items = Map.of("QWL", 35, "CDRISC", 25, "CSS", 30);
        items.forEach((instrument, count) -> trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/"
                + participant + "/assessments"), Map.of("instrument", instrument, "timepoint", "post",
                "responses", Collections.nCopies(count, 2))), Map.class));
    }

    @Test
    void absencesAtTheProtocolsLimitExcludeFromThePerProtocolAnalysisUnlessACoordinatorDecides() {
        TwoArms arms = twoArms("attendance");
        RecruitingTrial trial = arms.trial();
        attend(trial, arms.balint(), 1, Map.of("present", true));
        attend(trial, arms.balint(), 2, Map.of("present", false));
        Map<?, ?> view = attend(trial, arms.balint(), 3, Map.of("present", false));
        assertEquals(2, view.get("absences"));
        Map<?, ?> perProtocol = (Map<?, ?>) view.get("perProtocol");
        assertEquals(true, perProtocol.get("excluded"));
        assertEquals("absent from 2 of 8 sessions; the protocol excludes from 2", perProtocol.get("reason"));

        assertEquals(List.of("reason required"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> attend(trial, arms.balint(), 3, Map.of("present", true)))));
        view = attend(trial, arms.balint(), 3, Map.of("present", true, "reason", "signed in late; register corrected"));
        assertEquals(false, ((Map<?, ?>) view.get("perProtocol")).get("excluded"), "the rule follows a correction");
        assertEquals(List.of("session range"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> attend(trial, arms.balint(), 9, Map.of("present", true)))));
        problem(HttpStatus.CONFLICT, "no-sessions", () -> attend(trial, arms.waitlist(), 1, Map.of("present", true)));

        view = trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + arms.balint() + "/per-protocol"),
                Map.of("excluded", true, "reason", "took part in another trial's groups")), Map.class);
        assertEquals(Map.of("excluded", true, "reason", "took part in another trial's groups", "overridden", true),
                view.get("perProtocol"));
        view = attend(trial, arms.balint(), 4, Map.of("present", true));
        assertEquals(true, ((Map<?, ?>) view.get("perProtocol")).get("excluded"), "a coordinator's decision stays");
        assertEquals(4, ((List<?>) view.get("recorded")).size());
    }

    @Test
    void eventsMoveAParticipantOnlyAlongAllowedTransitionsAndAWithdrawalEndsAssessment() {
        TwoArms arms = twoArms("events");
        RecruitingTrial trial = arms.trial();
        long participant = arms.balint();
        Map<?, ?> recorded = event(trial, participant, event("discontinued", "moved to night shifts", "post"));
        assertEquals("DISCONTINUED", recorded.get("status"));
        problem(HttpStatus.CONFLICT, "invalid-transition",
                () -> event(trial, participant, event("did-not-receive", "never came", "post")));
        event(trial, participant, event("lost-to-follow-up", "left the hospital", "post"));
        assertEquals(List.of("keepData required"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> event(trial, participant, event("withdrew-consent", "no longer wishes to take part", "post")))));
        Map<String, Object> withdrawal = event("withdrew-consent", "no longer wishes to take part", "post");
        withdrawal.put("keepData", false);
        assertEquals("WITHDRAWN", event(trial, participant, withdrawal).get("status"));
        problem(HttpStatus.CONFLICT, "withdrawn", () -> trial.assessor.retrieve(HttpRequest.POST(trial.path(
                "/participants/" + participant + "/assessments"), Map.of("instrument", "CDRISC", "timepoint", "post",
                "responses", Collections.nCopies(25, 1))), Map.class));

        List<Map> history = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants/" + participant + "/events")),
                Argument.listOf(Map.class));
        assertEquals(List.of("discontinued", "lost-to-follow-up", "withdrew-consent"), history.stream().map(e -> e.get("kind")).toList());
        assertEquals(false, history.get(2).get("keepData"));
        List<Map> participants = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants")), Argument.listOf(Map.class));
        assertEquals("WITHDRAWN", participants.stream().filter(p -> ((Number) p.get("id")).longValue() == participant)
                .findFirst().orElseThrow().get("status"));

        Map<String, Object> future = event("lost-to-follow-up", "x", "post");
        future.put("date", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString());
        assertEquals(List.of("date not-future"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> event(trial, arms.waitlist(), future))));
        Map<String, Object> early = event("lost-to-follow-up", "x", "post");
        early.put("date", "2001-01-01");
        assertEquals(List.of("date before-randomisation"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> event(trial, arms.waitlist(), early))));
        assertEquals(List.of("kind one-of", "timepoint one-of"), rules(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> event(trial, arms.waitlist(), event("vanished", "x", "week-99")))));
        long screenedOnly = trial.enrol("N-99", "male");
        problem(HttpStatus.CONFLICT, "not-randomised", () -> event(trial, screenedOnly, event("lost-to-follow-up", "x", "post")));
    }

    @Test
    void theWaitlistIsOfferedTheInterventionAfterItsPostTestAndKeepsItsArm() {
        TwoArms arms = twoArms("waitlist");
        RecruitingTrial trial = arms.trial();
        Map<String, Object> offer = event("delayed-intervention-offered", "post-test complete", null);
        Map<String, Object> start = event("delayed-intervention-started", "joined the next group", null);
        problem(HttpStatus.CONFLICT, "post-test-incomplete", () -> event(trial, arms.waitlist(), offer));
        enterPostTest(trial, arms.waitlist());
        problem(HttpStatus.CONFLICT, "not-offered", () -> event(trial, arms.waitlist(), start));
        assertEquals("RANDOMISED", event(trial, arms.waitlist(), offer).get("status"));
        event(trial, arms.waitlist(), start);
        problem(HttpStatus.CONFLICT, "already-recorded", () -> event(trial, arms.waitlist(), start));
        enterPostTest(trial, arms.balint());
        problem(HttpStatus.CONFLICT, "not-waitlist", () -> event(trial, arms.balint(), offer));

        Map<?, ?> allocation = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants/" + arms.waitlist()
                + "/randomisation")), Map.class);
        assertEquals("WAITLIST", allocation.get("arm"), "the delayed intervention never changes the arm");
    }

    @Test
    void progressCountsRecruitmentAssessmentsAndDropoutsAndSplitsByArmOnlyForThoseWhoMaySeeArms() {
        TwoArms arms = twoArms("progress");
        RecruitingTrial trial = arms.trial();
        trial.screen("N-ineligible", "male", false, "given");
        event(trial, arms.balint(), event("discontinued", "workload", "post"));
        enterPostTest(trial, arms.waitlist());
        attend(trial, arms.balint(), 1, Map.of("present", true));
        attend(trial, arms.balint(), 2, Map.of("present", true));

        Map<?, ?> coordinatorView = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class);
        Map<?, ?> recruitment = (Map<?, ?>) coordinatorView.get("recruitment");
        long randomised = ((Number) recruitment.get("randomised")).longValue();
        assertEquals(30, recruitment.get("target"));
        assertEquals(randomised + 1, ((Number) recruitment.get("screened")).longValue());
        assertEquals(1, recruitment.get("ineligible"));
        assertEquals(List.of(Map.of("site", "RAZI", "screened", (int) randomised + 1, "enrolled", (int) randomised,
                "randomised", (int) randomised)), recruitment.get("sites"));
        Map<?, ?> overall = (Map<?, ?>) coordinatorView.get("overall");
        Map<?, ?> baseline = ((List<Map<?, ?>>) overall.get("assessments")).get(0);
        assertEquals(Map.of("timepoint", "baseline", "due", (int) randomised, "complete", 0, "overdue", 0), baseline);
        Map<?, ?> post = ((List<Map<?, ?>>) overall.get("assessments")).get(1);
        assertEquals(Map.of("timepoint", "post", "due", 1, "complete", 1, "overdue", 0), post,
                "the post-test falls due in week 8, but one entered early is complete and so counted as due");
        assertEquals(List.of(Map.of("kind", "discontinued", "reason", "workload", "participants", 1)), overall.get("dropouts"));
        assertEquals(true, coordinatorView.get("byArm"));
        List<Map<?, ?>> byArm = (List<Map<?, ?>>) coordinatorView.get("arms");
        assertEquals(List.of("BALINT", "WAITLIST"), byArm.stream().map(a -> a.get("arm")).toList());
        Map<?, ?> balint = (Map<?, ?>) byArm.get(0).get("progress");
        assertEquals(1, ((List<?>) balint.get("dropouts")).size());
        assertEquals(2.0, ((Map<?, ?>) balint.get("attendance")).get("medianAttended"));
        assertEquals(List.of(), ((Map<?, ?>) byArm.get(1).get("progress")).get("dropouts"));

        Map<?, ?> investigatorView = trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress")), Map.class);
        assertEquals(false, investigatorView.get("byArm"));
        assertFalse(investigatorView.containsKey("arms"));
        assertEquals(overall, investigatorView.get("overall"), "the same totals, without the split by arm");
        String text = trial.investigator.retrieve(HttpRequest.GET(trial.path("/progress")));
        assertFalse(text.contains("BALINT") || text.contains("WAITLIST"));
        assertNull(investigatorView.get("arms"));
        assertTrue(recruitment.containsKey("declined"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("violations")).stream()
                .map(v -> v.get("field") + " " + v.get("rule")).toList();
    }
}
