package org.trialkeeper.unblinding;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.MovableClock;
import org.trialkeeper.support.RecruitingTrial;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** The seed trial's protocol names no roles, so INVESTIGATOR alone may unblind. */
@MicronautTest(transactional = false)
class EmergencyUnblindingApiTest {

    private static final String REFUSED = "participant.unblinding-refused";
    private static final List<String> ARM_WORDS = List.of("BALINT", "WAITLIST", "Balint group training", "Waitlist control");

    @Inject
    @Client("/")
    HttpClient http;

    private final MovableClock clock = new MovableClock();

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    private record Unblindable(RecruitingTrial trial, long participant, String arm, String path) {

        Map<String, String> body(String password) {
            return Map.of("reason", "serious adverse event", "password", password);
        }

        List<AuditView> audit(String action, String username) {
            return trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class)).stream()
                    .filter(r -> r.action().equals(action) && r.username().equals(username)).toList();
        }
    }

    private Unblindable randomised(String code) {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("unblind")));
        long participant = trial.enrol(code, "female");
        String arm = (String) trial.randomise(participant, "key-" + code).get("arm");
        return new Unblindable(trial, participant, arm, trial.path("/participants/" + participant + "/unblinding"));
    }

    private Api member(Unblindable u, String username, String... roles) {
        u.trial().admin.assign(u.trial().id, u.trial().admin.createMember(username), roles);
        return Api.as(http, username);
    }

    @Test
    void aMemberWhoAlsoHoldsAPermittedRoleUnblindsInThatRole() {
        Unblindable u = randomised("U-101");
        String username = Api.unique("both");
        Api both = member(u, username, "COORDINATOR", "INVESTIGATOR");
        Map<?, ?> unblinded = both.retrieve(HttpRequest.POST(u.path(), u.body(Api.MEMBER_PASSWORD)), Map.class);
        assertEquals(u.arm(), unblinded.get("arm"));
        List<AuditView> records = u.audit("participant.unblinded", username);
        assertEquals(1, records.size(), records.toString());
        assertEquals("INVESTIGATOR", records.get(0).role(), "the role that permitted it, not the one the route let through");
    }

    @Test
    void aMemberWhoseOnlyRoleIsNotNamedIsRefusedAndTheRefusalIsAudited() {
        Unblindable u = randomised("U-102");
        String username = Api.unique("coordinator");
        Api coordinator = member(u, username, "COORDINATOR");
        Map<String, Object> refusal = problem(HttpStatus.FORBIDDEN, "unblinding-not-permitted",
                () -> coordinator.exchange(HttpRequest.POST(u.path(), u.body(Api.MEMBER_PASSWORD))));
        assertArmless(refusal.toString());
        List<AuditView> records = u.audit(REFUSED, username);
        assertEquals(List.of("unblinding-not-permitted"), records.stream().map(AuditView::reason).toList());
        assertEquals("COORDINATOR", records.get(0).role());
        assertEquals(Long.toString(u.participant()), records.get(0).entityId());
        assertTrue(u.audit("participant.unblinded", username).isEmpty());
    }

    @Test
    void wrongPasswordsAreAuditedOneEachTheSixthAttemptIsThrottledAndTheRightOneWorksAfterTheWait() {
        Unblindable u = randomised("U-103");
        String username = Api.unique("investigator");
        Api investigator = member(u, username, "INVESTIGATOR");
        Map<String, Object> noReason = problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> investigator.exchange(
                HttpRequest.POST(u.path(), Map.of("password", Api.MEMBER_PASSWORD))));
        assertArmless(noReason.toString());
        for (int i = 0; i < 5; i++) {
            assertArmless(problem(HttpStatus.FORBIDDEN, "password-mismatch",
                    () -> investigator.exchange(HttpRequest.POST(u.path(), u.body("a-wrong-guess-1")))).toString());
        }
        HttpClientResponseException throttled = assertThrows(HttpClientResponseException.class,
                () -> investigator.exchange(HttpRequest.POST(u.path(), u.body(Api.MEMBER_PASSWORD))));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, throttled.getStatus());
        String body = throttled.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("urn:trialkeeper:problem:unblinding-throttled"), body);
        assertArmless(body);
        long retryAfter = Long.parseLong(throttled.getResponse().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);

        List<AuditView> refusals = u.audit(REFUSED, username);
        assertEquals(List.of("invalid-request", "password-mismatch", "password-mismatch", "password-mismatch",
                "password-mismatch", "password-mismatch", "unblinding-throttled"),
                refusals.stream().sorted((a, b) -> Long.compare(a.seq(), b.seq())).map(AuditView::reason).toList());
        refusals.forEach(r -> assertArmless(r.toString()));

        clock.advance(Duration.ofSeconds(retryAfter + 1));
        Map<?, ?> unblinded = investigator.retrieve(HttpRequest.POST(u.path(), u.body(Api.MEMBER_PASSWORD)), Map.class);
        assertEquals(u.arm(), unblinded.get("arm"));
        assertEquals(1, u.audit("participant.unblinded", username).size());
    }

    private static void assertArmless(String text) {
        ARM_WORDS.forEach(word -> assertFalse(text.contains(word), "'" + word + "' in " + text));
    }
}
