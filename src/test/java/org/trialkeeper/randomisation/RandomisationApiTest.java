package org.trialkeeper.randomisation;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RandomisationApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    private RecruitingTrial seedTrial() {
        return new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("rand")));
    }

    @Test
    void screeningKeepsEveryoneAndSaysWhy() {
        RecruitingTrial trial = seedTrial();
        trial.enrol("N-001", "female");
        trial.screen("N-002", "male", false, "given");
        trial.screen("N-003", "female", true, "declined");
        List<Map> all = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants")), Argument.listOf(Map.class));
        assertEquals(List.of("ENROLLED", "INELIGIBLE", "DECLINED"), all.stream().map(p -> p.get("status")).toList());
        assertEquals(List.of("I2"), all.get(1).get("failedCriteria"));
        all.forEach(p -> assertFalse(p.containsKey("arm"), "a participant view never holds the arm"));

        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, "invalid-screening", () -> trial.coordinator.exchange(
                HttpRequest.POST(trial.path("/participants"), Map.of("code", "Jane Doe", "site", "ELSEWHERE",
                        "baseline", Map.of("age", 12, "sex", "other"), "eligibility", Map.of("I1", "yes"), "consent", "maybe"))));
        List<String> fields = ((List<Map<String, Object>>) problem.get("violations")).stream()
                .map(v -> v.get("field") + " " + v.get("rule")).toList();
        assertTrue(fields.containsAll(List.of("code pattern", "site one-of", "baseline.age range", "baseline.sex one-of",
                "baseline.marital required", "eligibility.I1 type", "eligibility.I2 required", "consent one-of")), fields.toString());
        problem(HttpStatus.CONFLICT, "duplicate-participant", () -> trial.enrol("N-001", "male"));
    }

    @Test
    void anEnrolledParticipantIsRandomisedOnceAndARetryAnswersTheSameAllocation() {
        RecruitingTrial trial = seedTrial();
        Map<?, ?> commitment = trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")), Map.class);
        assertEquals(64, ((String) commitment.get("commitment")).length());
        assertEquals("simple", commitment.get("scheme"));
        assertEquals("none", ((Map<?, ?>) commitment.get("timestamp")).get("state"),
                "without a time-stamping authority configured nothing is requested, and the commitment says so");

        long first = trial.enrol("N-101", "female");
        Map<?, ?> allocation = trial.randomise(first, "key-n101-0001");
        assertEquals(1, allocation.get("number"));
        assertTrue(List.of("BALINT", "WAITLIST").contains(allocation.get("arm")));
        assertEquals(allocation, trial.randomise(first, "key-n101-0001"), "a retry answers the original allocation");

        Map<String, Object> again = problem(HttpStatus.CONFLICT, "already-randomised", () -> trial.randomise(first, "key-n101-0002"));
        assertTrue(((String) again.get("detail")).endsWith("allocation number 1"));
        assertFalse(again.toString().contains((String) allocation.get("arm")), "the 409 names the number only");

        long second = trial.enrol("N-102", "male");
        problem(HttpStatus.CONFLICT, "idempotency-key-reused", () -> trial.randomise(second, "key-n101-0001"));
        problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.coordinator.exchange(HttpRequest.POST(
                trial.path("/participants/" + second + "/randomisation"), "")));
        long ineligible = trial.screen("N-103", "male", false, "given");
        problem(HttpStatus.CONFLICT, "not-enrolled", () -> trial.randomise(ineligible, "key-n103-0001"));
        assertEquals(2, trial.randomise(second, "key-n102-0001").get("number"));

        List<AuditView> records = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class));
        assertEquals(2, records.stream().filter(r -> r.action().equals("participant.randomised")).count());
        List<AuditView> asInvestigator = trial.investigator.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class));
        asInvestigator.stream().filter(r -> r.action().equals("participant.randomised"))
                .forEach(r -> assertTrue(r.redacted(), "an investigator cannot read arms from the audit trail before lock"));
    }

    @Test
    void anAllocationInErrorIsFlaggedNeverUndone() {
        RecruitingTrial trial = seedTrial();
        long participant = trial.enrol("N-201", "female");
        Map<?, ?> allocation = trial.randomise(participant, "key-n201-0001");
        Map<?, ?> flagged = trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + participant
                + "/randomisation/in-error"), Map.of("reason", "randomised before consent was signed")), Map.class);
        assertEquals(allocation.get("arm"), flagged.get("arm"));
        assertEquals("randomised before consent was signed", flagged.get("inErrorReason"));
        problem(HttpStatus.CONFLICT, "already-flagged", () -> trial.coordinator.exchange(HttpRequest.POST(
                trial.path("/participants/" + participant + "/randomisation/in-error"), Map.of("reason", "again"))));
    }

    @Test
    void emergencyUnblindingNeedsANamedRoleAReasonAndThePassword() {
        RecruitingTrial trial = seedTrial();
        long participant = trial.enrol("N-301", "male");
        Map<?, ?> allocation = trial.randomise(participant, "key-n301-0001");
        String path = trial.path("/participants/" + participant + "/unblinding");
        problem(HttpStatus.FORBIDDEN, "unblinding-not-permitted", () -> trial.coordinator.exchange(
                HttpRequest.POST(path, Map.of("reason", "serious adverse event", "password", Api.MEMBER_PASSWORD))));
        problem(HttpStatus.FORBIDDEN, "password-mismatch", () -> trial.investigator.exchange(
                HttpRequest.POST(path, Map.of("reason", "serious adverse event", "password", "not-my-password"))));
        problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.investigator.exchange(
                HttpRequest.POST(path, Map.of("password", Api.MEMBER_PASSWORD))));
        Map<?, ?> unblinded = trial.investigator.retrieve(HttpRequest.POST(path,
                Map.of("reason", "serious adverse event", "password", Api.MEMBER_PASSWORD)), Map.class);
        assertEquals(allocation.get("arm"), unblinded.get("arm"));
        AuditView record = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class))
                .stream().filter(r -> r.action().equals("participant.unblinded")).findFirst().orElseThrow();
        assertEquals("serious adverse event", record.reason());
        assertEquals("INVESTIGATOR", record.role());
    }

    @Test
    void afterLockTheStatisticianGetsTheSequenceAndItVerifies() throws Exception {
        RecruitingTrial trial = seedTrial();
        for (int i = 1; i <= 6; i++) {
            trial.randomise(trial.enrol("N-40" + i, i % 2 == 0 ? "male" : "female"), "key-n40" + i + "-0001");
        }
        problem(HttpStatus.CONFLICT, "not-locked", () -> trial.statistician.exchange(HttpRequest.GET(trial.path("/randomisation/sequence"))));
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> sequence = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence")), Map.class);
        assertEquals(32, ((String) sequence.get("seed")).length());
        List<Map> used = (List<Map>) sequence.get("allocations");
        assertEquals(6, used.size());
        List<Map> slots = (List<Map>) ((List<Map>) sequence.get("strata")).get(0).get("slots");
        assertEquals(30, slots.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(slots.get(i).get("arm"), used.get(i).get("arm"), "allocation " + (i + 1) + " used slot " + (i + 1));
            assertEquals(used.get(i).get("participantCode"), slots.get(i).get("participantCode"));
        }
        Map<?, ?> anchor = (Map<?, ?>) sequence.get("auditAnchor");
        assertEquals("trial-" + trial.id, anchor.get("chain"), "the export anchors its trial's own chain");
        Map<?, ?> extended = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify?chain=" + anchor.get("chain") + "&anchorSeq=" + anchor.get("seq")
                + "&anchorHash=" + anchor.get("hash")), Map.class);
        assertEquals(true, extended.get("extendsAnchor"), "the export's anchor is a point of the chain, its own record included");
        Map<?, ?> verified = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verified.get("verified"), verified.toString());
        assertEquals(6, verified.get("allocationsChecked"));
        assertEquals(false, ((Map<?, ?>) verified.get("timestamp")).get("tokenChecked"), "no token to check without an authority");
        assertEquals("none", ((Map<?, ?>) sequence.get("timestamp")).get("state"));

        try (Connection db = raw().getConnection();
             PreparedStatement tamper = db.prepareStatement("UPDATE allocation SET arm = CASE arm WHEN 'BALINT' THEN 'WAITLIST'"
                     + " ELSE 'BALINT' END WHERE trial_id = ? AND number = 3")) {
            tamper.setLong(1, trial.id);
            tamper.executeUpdate();
            Map<?, ?> broken = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            tamper.executeUpdate();
            assertEquals(false, broken.get("verified"));
            assertEquals(true, broken.get("commitmentMatches"));
            assertTrue(broken.get("differences").toString().contains("allocation 3"), broken.toString());
        }
        assertEquals(true, trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class).get("verified"));
    }

    @Test
    void diagnosticsSimulateTheConfiguredScheme() {
        RecruitingTrial trial = seedTrial();
        Map<?, ?> result = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/diagnostics?simulations=2000")), Map.class);
        assertEquals("simple", result.get("scheme"));
        assertEquals(0.5, ((Number) result.get("predictability")).doubleValue(), 0.02);
        assertNotNull(result.get("expectedMaximumImbalance"));
        problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.statistician.exchange(
                HttpRequest.GET(trial.path("/randomisation/diagnostics?simulations=0"))));
        long large = trial.admin.register(ProtocolFiles.seedVariantYaml(Api.unique("large-diagnostics"),
                tree -> tree.put("targetSampleSize", 100_000)));
        Map<String, Object> tooMany = problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.admin.exchange(
                HttpRequest.GET("/api/trials/" + large + "/randomisation/diagnostics?simulations=101")));
        assertTrue(tooMany.toString().contains("simulations"), tooMany.toString());
    }

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(HttpStatus status, String code, Runnable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:trialkeeper:problem:" + code, body.get("type"));
        return body;
    }
}
