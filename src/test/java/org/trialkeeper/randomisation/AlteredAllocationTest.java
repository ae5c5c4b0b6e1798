package org.trialkeeper.randomisation;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
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

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.trialkeeper.support.RecruitingTrial.problem;

/**
 * An allocation whose arm is changed in the database: every read that would show or use it
 * refuses, naming its number only; the administrator's check names it; the blinded assessor
 * sees what they saw before.
 */
@MicronautTest(transactional = false)
class AlteredAllocationTest {

    private static final String ALTERED = "allocation-altered";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void aChangedArmIsRefusedWhereverItIsReadAndNamedByNumberOnly() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("altered")));
        long[] participants = new long[4];
        for (int i = 0; i < participants.length; i++) {
            participants[i] = trial.enrol("M-" + i, "female");
            trial.randomise(participants[i], "key-altered-" + i);
        }
        long changed = participants[1];
        String integrity = trial.path("/randomisation/integrity");
        assertEquals(List.of(), trial.admin.retrieve(HttpRequest.GET(integrity), Map.class).get("altered"));
        String worklist = trial.assessor.retrieve(HttpRequest.GET(trial.path("/worklist")));

        swapArmOfAllocation(trial.id, 2);
        String participant = trial.path("/participants/" + changed);
        List<Map<String, Object>> refusals = List.of(
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.coordinator.exchange(HttpRequest.GET(participant + "/randomisation"))),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.randomise(changed, "key-altered-1")),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.coordinator.exchange(HttpRequest.POST(
                        participant + "/randomisation/in-error", Map.of("reason", "consent missing")))),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.coordinator.exchange(HttpRequest.PUT(
                        participant + "/attendance/1", Map.of("present", true)))),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.investigator.exchange(HttpRequest.POST(
                        participant + "/unblinding", Map.of("reason", "serious adverse event", "password", Api.MEMBER_PASSWORD)))),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.coordinator.exchange(HttpRequest.GET(trial.path("/progress")))),
                problem(HttpStatus.CONFLICT, ALTERED, () -> trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.json")))));
        refusals.forEach(refusal -> {
            assertFalse(namesAnArm(refusal.toString()), refusal.toString());
            assertEquals(true, ((String) refusal.get("detail")).startsWith("Allocation number 2 of trial " + trial.id + " "));
        });
        assertEquals(200, trial.coordinator.exchange(HttpRequest.GET(trial.path("/participants/" + participants[0]
                + "/randomisation"))).code(), "an allocation that was not changed is still shown");
        Map<?, ?> check = trial.admin.retrieve(HttpRequest.GET(integrity), Map.class);
        assertEquals(List.of(2), check.get("altered"));
        assertEquals(false, check.get("intact"));
        assertFalse(namesAnArm(check.toString()), check.toString());
        assertEquals(worklist, trial.assessor.retrieve(HttpRequest.GET(trial.path("/worklist"))),
                "the assessor's view does not change");

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        for (String export : List.of("/randomisation/sequence", "/exports/participants.csv", "/exports/assessments.csv")) {
            assertFalse(namesAnArm(problem(HttpStatus.CONFLICT, ALTERED, () -> trial.statistician.exchange(
                    HttpRequest.GET(trial.path(export)))).toString()));
        }
        Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(false, verification.get("verified"));
        assertEquals(false, verification.get("allocationsIntact"));
        assertEquals(List.of("allocation 2 was changed in the database: it does not match its MAC"),
                verification.get("differences"));

        swapArmOfAllocation(trial.id, 2);
        assertEquals(true, trial.admin.retrieve(HttpRequest.GET(integrity), Map.class).get("intact"));
        assertEquals(true, trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class)
                .get("verified"));
    }

    private static boolean namesAnArm(String text) {
        return text.contains("BALINT") || text.contains("WAITLIST") || text.contains("Balint group") || text.contains("Waitlist");
    }

    private void swapArmOfAllocation(long trialId, int number) throws SQLException {
        DataSource raw = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        try (Connection db = raw.getConnection(); PreparedStatement swap = db.prepareStatement("UPDATE allocation SET arm ="
                + " CASE arm WHEN 'BALINT' THEN 'WAITLIST' ELSE 'BALINT' END WHERE trial_id = ? AND number = ?")) {
            swap.setLong(1, trialId);
            swap.setInt(2, number);
            assertEquals(1, swap.executeUpdate());
        }
    }
}
