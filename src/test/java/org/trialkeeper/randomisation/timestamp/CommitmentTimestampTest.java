package org.trialkeeper.randomisation.timestamp;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commitment stamped by a time-stamping authority of the test's own: stored and shown when
 * recruitment opens, checked by verification after lock, and an authority that is slow or down
 * holds up neither opening nor allocation.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitmentTimestampTest implements TestPropertyProvider {

    private final TestAuthority authority = TestAuthority.started();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Inject
    Stamping stamping;

    @Override
    public Map<String, String> getProperties() {
        // one attempt and one retry, never due during a test unless the test makes it due
        return Map.of("trialkeeper.timestamp.url", authority.url(), "trialkeeper.timestamp.policy", TestAuthority.POLICY,
                "trialkeeper.timestamp.timeout", "5s", "trialkeeper.timestamp.connect-timeout", "5s",
                "trialkeeper.timestamp.attempts", "2", "trialkeeper.timestamp.retry-delay", "1h",
                "trialkeeper.timestamp.max-retry-delay", "1h", "trialkeeper.timestamp.sweep", "1h");
    }

    @AfterAll
    void stopAuthority() {
        authority.close();
    }

    @Test
    void theCommitmentIsStampedWhenRecruitmentOpensAndTheTokenVerifiesAfterLock() throws Exception {
        RecruitingTrial trial = stampedTrial("tsa-good");
        Map<?, ?> commitment = trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")), Map.class);
        Map<?, ?> stamp = (Map<?, ?>) commitment.get("timestamp");
        assertEquals("stamped", stamp.get("state"), stamp.toString());
        assertEquals("CN=TrialKeeper Test TSA", stamp.get("authority"));
        assertEquals(TestAuthority.POLICY, stamp.get("policy"));
        assertNotNull(stamp.get("serialNumber"));
        Instant genTime = Instant.parse((String) stamp.get("genTime"));
        byte[] token = Base64.getDecoder().decode((String) stamp.get("token"));
        assertTrue(TimeStamps.problems(token, HexFormat.of().parseHex((String) commitment.get("commitment")),
                null).isEmpty(), "the token returned stamps the published commitment");
        for (String route : List.of("/randomisation/commitment", "/randomisation/sequence", "/randomisation/verify")) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> trial.assessor.retrieve(HttpRequest.GET(trial.path(route))));
            assertEquals(HttpStatus.FORBIDDEN, refused.getStatus(), route);
            assertFalse(refused.getResponse().getBody(String.class).orElse("").contains("token"), route);
        }

        trial.randomise(trial.enrol("T-001", "female"), "key-tsa-t001");
        trial.randomise(trial.enrol("T-002", "male"), "key-tsa-t002");
        lock(trial);
        Map<?, ?> verified = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verified.get("verified"), verified.toString());
        Map<?, ?> checked = (Map<?, ?>) verified.get("timestamp");
        assertEquals(true, checked.get("tokenChecked"));
        assertEquals(genTime, Instant.parse((String) checked.get("genTime")));
        assertEquals(List.of(), checked.get("problems"));

        String export = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence")));
        assertTrue(export.contains((String) stamp.get("token")), "the sequence export carries the token");
        String published = trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")));
        assertEquals(List.of(), PythonCheck.problems(export, published), "the independent check finds nothing wrong");
        PythonCheck.Verdict whole = PythonCheck.verifier(export, published);
        assertEquals(0, whole.status(), whole.output());
        assertTrue(whole.output().contains("the commitment's RFC 3161 time-stamp holds"), whole.output());
        List<String> altered = PythonCheck.problems(export.replace((String) commitment.get("commitment"), "0".repeat(64)),
                published.replace((String) commitment.get("commitment"), "0".repeat(64)));
        assertTrue(altered.stream().anyMatch(p -> p.contains("imprint")), altered.toString());
        assertTrue(trial.admin.wholeTrail().stream().map(AuditView::action).toList().contains("randomisation.timestamped"));
    }

    @Test
    void aTokenChangedInTheDatabaseFailsVerification() throws Exception {
        RecruitingTrial trial = stampedTrial("tsa-altered");
        RecruitingTrial other = stampedTrial("tsa-other");
        trial.randomise(trial.enrol("A-001", "female"), "key-tsa-a001");
        lock(trial);
        try (Connection db = raw().getConnection()) {
            execute(db, "UPDATE allocation SET allocated_at = '2000-01-01 00:00:00' WHERE trial_id = ?", trial.id);
            Map<?, ?> backdated = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            assertEquals(false, backdated.get("verified"), "an allocation made before the stamp is a difference");
            assertTrue(backdated.get("differences").toString().contains("is not before the first allocation"), backdated.toString());
            List<String> early = PythonCheck.problems(
                    trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence"))),
                    trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment"))));
            assertTrue(early.stream().anyMatch(p -> p.contains("not before the first allocation")), early.toString());

            execute(db, "UPDATE commitment_timestamp SET token = CONCAT(SUBSTRING(token, 1, LENGTH(token) - 1),"
                    + " CHAR(ASCII(SUBSTRING(token, LENGTH(token), 1)) ^ 1)) WHERE trial_id = ?", trial.id);
            Map<?, ?> flipped = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            assertEquals(false, flipped.get("verified"));
            assertTrue(flipped.get("differences").toString().contains("signature"), flipped.toString());
            String export = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence")));
            String published = trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")));
            List<String> found = PythonCheck.problems(export, published);
            assertTrue(found.stream().anyMatch(p -> p.contains("signature")), found.toString());
            PythonCheck.Verdict whole = PythonCheck.verifier(export, published);
            assertEquals(1, whole.status(), "the verifier rejects the trial: " + whole.output());
            assertTrue(whole.output().contains("signature"), whole.output());

            execute(db, "UPDATE commitment_timestamp SET token = (SELECT token FROM (SELECT token FROM commitment_timestamp"
                    + " WHERE trial_id = " + other.id + ") o) WHERE trial_id = ?", trial.id);
            Map<?, ?> swapped = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            assertEquals(false, swapped.get("verified"));
            assertTrue(swapped.get("differences").toString().contains("imprint"), swapped.toString());
        }
    }

    @Test
    void aSlowAuthorityHoldsUpNeitherOpeningNorAllocationAndTheStateSaysSo() throws Exception {
        authority.set(TestAuthority.Mode.HOLD);
        try {
            RecruitingTrial trial = trial("tsa-slow");
            assertTrue(authority.awaitHeld(), "the authority was asked");
            Map<?, ?> waiting = stamp(trial);
            assertEquals("pending", waiting.get("state"));
            assertEquals(0, waiting.get("attempts"));
            Map<?, ?> allocation = trial.randomise(trial.enrol("S-001", "female"), "key-tsa-s001");
            assertEquals(1, allocation.get("number"), "allocation went ahead while the authority held the request");

            stamping.firstAttempt(trial.id).get(20, TimeUnit.SECONDS);
            Map<?, ?> failed = stamp(trial);
            assertEquals("pending", failed.get("state"));
            assertEquals(1, failed.get("attempts"));
            assertEquals("the time-stamping authority did not answer within 5000 ms", failed.get("lastError"));
            assertNotNull(failed.get("nextAttemptAt"));
            assertNull(failed.get("token"));
        } finally {
            authority.releaseHeld();
            authority.set(TestAuthority.Mode.GRANT);
        }
    }

    @Test
    void anAuthorityThatIsDownIsAskedAgainABoundedNumberOfTimesThenTheStampFails() throws Exception {
        authority.set(TestAuthority.Mode.UNAVAILABLE);
        try {
            RecruitingTrial trial = trial("tsa-down");
            stamping.firstAttempt(trial.id).get(20, TimeUnit.SECONDS);
            assertEquals("the time-stamping authority answered HTTP 503", stamp(trial).get("lastError"));
            assertEquals("pending", stamp(trial).get("state"));
            trial.randomise(trial.enrol("D-001", "female"), "key-tsa-d001");

            try (Connection db = raw().getConnection()) {
                execute(db, "UPDATE commitment_timestamp SET next_attempt_at = '2000-01-01' WHERE trial_id = ?", trial.id);
            }
            stamping.attemptDue();
            Map<?, ?> failed = stamp(trial);
            assertEquals("failed", failed.get("state"));
            assertEquals(2, failed.get("attempts"));
            assertNull(failed.get("nextAttemptAt"), "no attempt after the last");
            assertTrue(trial.admin.wholeTrail().stream().anyMatch(r -> r.action().equals("randomisation.timestamp-failed")));

            lock(trial);
            Map<?, ?> verified = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
            assertEquals(true, verified.get("verified"), "a stamp that was never granted is no difference in the sequence");
            Map<?, ?> checked = (Map<?, ?>) verified.get("timestamp");
            assertEquals(List.of("failed", false, List.of()),
                    List.of(checked.get("state"), checked.get("tokenChecked"), checked.get("problems")));
        } finally {
            authority.set(TestAuthority.Mode.GRANT);
        }
    }

    private RecruitingTrial trial(String name) {
        return new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique(name)));
    }

    private RecruitingTrial stampedTrial(String name) throws Exception {
        RecruitingTrial trial = trial(name);
        stamping.firstAttempt(trial.id).get(20, TimeUnit.SECONDS);
        assertEquals("stamped", stamp(trial).get("state"));
        return trial;
    }

    private static Map<?, ?> stamp(RecruitingTrial trial) {
        return (Map<?, ?>) trial.coordinator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")), Map.class)
                .get("timestamp");
    }

    private static void lock(RecruitingTrial trial) {
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
    }

    private static void execute(Connection db, String sql, long trialId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, trialId);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }
}
