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
import org.trialkeeper.randomisation.receipt.Receipt;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class ReceiptApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    private RecruitingTrial seedTrial() {
        return new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("receipt")));
    }

    @Test
    void theAllocationAnswerCarriesAReceiptNamingItsAuditRecordAndNeverTheArm() {
        RecruitingTrial trial = seedTrial();
        long participant = trial.enrol("R-101", "female");
        Map<?, ?> allocation = trial.randomise(participant, "key-r101-0001");
        Map<String, Object> receipt = receipt(allocation);
        assertEquals("trialkeeper-receipt-1", receipt.get("version"));
        assertEquals(((Number) receipt.get("trialId")).longValue(), trial.id);
        assertEquals(1, receipt.get("number"));
        assertEquals("R-101", receipt.get("participantCode"));
        assertEquals(allocation.get("allocatedAt"), receipt.get("time"));
        assertTrue(((String) receipt.get("hash")).matches("[0-9a-f]{64}"), receipt.toString());
        assertTrue(((String) receipt.get("mac")).matches("[0-9a-f]{64}"), receipt.toString());
        assertFalse(receipt.containsKey("arm") || receipt.containsKey("armLabel"), receipt.toString());
        Map<?, ?> commitment = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")), Map.class);
        assertEquals(commitment.get("commitment"), receipt.get("commitment"));

        AuditView record = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class))
                .stream().filter(r -> r.chainSeq() == ((Number) receipt.get("chainSeq")).longValue())
                .findFirst().orElseThrow();
        assertEquals("participant.randomised", record.action(), "the receipt names the allocation's own audit record");
        assertEquals("1", record.entityId());
        assertEquals(receipt, receipt(trial.coordinator.retrieve(HttpRequest.GET(
                trial.path("/participants/" + participant + "/randomisation")), Map.class)), "the read shows the receipt kept");
    }

    @Test
    void aKeptReceiptMatchesAndAnAlteredOneNamesWhatDiffers() {
        RecruitingTrial trial = seedTrial();
        Map<String, Object> kept = receipt(trial.randomise(trial.enrol("R-201", "male"), "key-r201-0001"));
        assertEquals(Map.of("matches", true, "number", 1, "differences", List.of()), check(trial, kept));

        Map<String, Object> altered = new HashMap<>(kept);
        altered.put("hash", flipped((String) kept.get("hash")));
        Map<?, ?> answer = check(trial, altered);
        assertEquals(false, answer.get("matches"));
        assertTrue(answer.get("differences").toString().startsWith("[hash:"), answer.toString());

        Map<String, Object> later = new HashMap<>(kept);
        later.put("time", "2031-01-01T00:00:00Z");
        assertTrue(check(trial, later).get("differences").toString().contains("time:"));
        assertEquals(false, check(trial, Map.of("version", "trialkeeper-receipt-1", "number", 99,
                "hash", kept.get("hash"))).get("matches"), "the trial has no allocation 99");

        Map<String, Object> malformed = problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.coordinator
                .exchange(HttpRequest.POST(trial.path("/randomisation/receipts/check"),
                        Map.of("number", 0, "hash", "xyz", "time", "yesterday"))));
        List<String> rules = ((List<Map<String, Object>>) malformed.get("violations")).stream()
                .map(v -> v.get("field") + " " + v.get("rule")).toList();
        assertEquals(List.of("version required", "number range", "hash pattern", "time format"), rules);

        for (Api blinded : List.of(trial.assessor, trial.investigator)) {
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> blinded.exchange(HttpRequest.POST(trial.path("/randomisation/receipts/check"), kept)));
            assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        }
    }

    @Test
    void verificationAfterLockRecomputesEveryReceiptAndNamesOneChangedInTheDatabase() throws Exception {
        RecruitingTrial trial = seedTrial();
        List<Map<String, Object>> kept = trial.enrolAll("R-3", 4).stream()
                .map(id -> receipt(trial.randomise(id, "key-r3-" + id + "-0001"))).toList();
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> verified = verify(trial);
        assertEquals(true, verified.get("verified"), verified.toString());
        assertEquals(4, verified.get("receiptsChecked"));
        Map<?, ?> export = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence")), Map.class);
        assertEquals(trial.id, ((Number) export.get("trialId")).longValue());
        List<Map<?, ?>> exported = (List<Map<?, ?>>) export.get("allocations");
        for (int i = 0; i < 4; i++) {
            assertEquals(kept.get(i).get("hash"), ((Map<?, ?>) exported.get(i).get("receipt")).get("hash"));
        }

        try (Connection db = raw().getConnection();
             PreparedStatement tamper = db.prepareStatement("UPDATE allocation_receipt SET chain_seq = chain_seq + ?"
                     + " WHERE trial_id = ? AND number = 2")) {
            tamper.setLong(1, 1);
            tamper.setLong(2, trial.id);
            tamper.executeUpdate();
            Map<?, ?> broken = verify(trial);
            Map<?, ?> answer = check(trial, kept.get(1));
            tamper.setLong(1, -1);
            tamper.executeUpdate();
            assertEquals(false, broken.get("verified"));
            assertEquals(true, broken.get("commitmentMatches"));
            assertTrue(broken.get("differences").toString().contains("the receipt of allocation 2 is held as"),
                    broken.toString());
            assertEquals(false, answer.get("matches"), answer.toString());
            assertTrue(answer.get("differences").toString().contains("chainSeq:"), answer.toString());
        }
        assertEquals(true, verify(trial).get("verified"));

        // rewritten whole, with a hash recomputed, to name allocation 1's audit record: the chain says whose it is
        Map<String, Object> first = kept.get(0);
        Map<String, Object> second = kept.get(1);
        String forged = new Receipt(trial.id, 2, (String) second.get("participantCode"),
                Instant.parse((String) second.get("time")), (String) second.get("commitment"),
                ((Number) first.get("chainSeq")).longValue(), (String) first.get("chainHash"),
                (String) second.get("mac")).hash();
        try (Connection db = raw().getConnection();
             PreparedStatement rewrite = db.prepareStatement("UPDATE allocation_receipt SET chain_seq = ?,"
                     + " chain_hash = ?, hash = ? WHERE trial_id = ? AND number = 2")) {
            rewrite.setLong(1, ((Number) first.get("chainSeq")).longValue());
            rewrite.setString(2, (String) first.get("chainHash"));
            rewrite.setString(3, forged);
            rewrite.setLong(4, trial.id);
            rewrite.executeUpdate();
            Map<?, ?> broken = verify(trial);
            Map<?, ?> answer = check(trial, second);
            rewrite.setLong(1, ((Number) second.get("chainSeq")).longValue());
            rewrite.setString(2, (String) second.get("chainHash"));
            rewrite.setString(3, (String) second.get("hash"));
            rewrite.executeUpdate();
            assertEquals(List.of("the receipt of allocation 2 names record " + first.get("chainSeq") + " of the trial's"
                    + " audit chain, which is not the record of allocation 2 but participant.randomised 1"),
                    broken.get("differences"));
            assertEquals(false, answer.get("matches"), "the coordinator's kept receipt tells the rewrite: " + answer);
        }
        assertEquals(true, verify(trial).get("verified"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> receipt(Map<?, ?> allocation) {
        return (Map<String, Object>) allocation.get("receipt");
    }

    private static Map<?, ?> check(RecruitingTrial trial, Map<String, Object> receipt) {
        return trial.coordinator.retrieve(HttpRequest.POST(trial.path("/randomisation/receipts/check"), receipt), Map.class);
    }

    private static Map<?, ?> verify(RecruitingTrial trial) {
        return trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
    }

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }

    private static String flipped(String hex) {
        return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
    }
}
