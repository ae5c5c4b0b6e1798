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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** A trial's sealed seed replaced in the database by one the configured key does not open for it. */
@MicronautTest(transactional = false)
class UnreadableSeedTest {

    private static final String UNREADABLE = "seed-unreadable";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void everyRouteThatNeedsTheSeedSaysItCannotBeOpenedAndVerificationReportsIt() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("unreadable")));
        RecruitingTrial other = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("other")));
        long participant = trial.enrol("U-1", "female");
        String own = sealedSeed(trial.id);
        // sealed for the other trial: the key is right, the trial it is bound to is not
        replaceSealedSeed(trial.id, sealedSeed(other.id));
        String cannotOpen = "sealed seed of trial " + trial.id + " cannot be opened with the configured key";

        problem(HttpStatus.CONFLICT, UNREADABLE, () -> trial.randomise(participant, "key-unreadable-1"));
        problem(HttpStatus.CONFLICT, UNREADABLE, () -> trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.json"))));
        Map<?, ?> integrity = trial.admin.retrieve(HttpRequest.GET(trial.path("/randomisation/integrity")), Map.class);
        assertEquals(false, integrity.get("intact"));
        assertEquals(List.of("The " + cannotOpen), integrity.get("problems"));

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        problem(HttpStatus.CONFLICT, UNREADABLE, () -> trial.statistician.exchange(HttpRequest.GET(trial.path("/randomisation/sequence"))));
        Map<?, ?> verification = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(false, verification.get("verified"));
        assertEquals(List.of("the " + cannotOpen), verification.get("differences"));

        replaceSealedSeed(trial.id, own);
        assertTrue((Boolean) trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class)
                .get("verified"), "with its own sealed seed back the trial verifies");
    }

    private String sealedSeed(long trialId) throws SQLException {
        try (Connection db = raw().getConnection();
             PreparedStatement read = db.prepareStatement("SELECT encrypted_seed FROM randomisation_setup WHERE trial_id = ?")) {
            read.setLong(1, trialId);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void replaceSealedSeed(long trialId, String sealed) throws SQLException {
        try (Connection db = raw().getConnection();
             PreparedStatement write = db.prepareStatement("UPDATE randomisation_setup SET encrypted_seed = ? WHERE trial_id = ?")) {
            write.setString(1, sealed);
            write.setLong(2, trialId);
            assertEquals(1, write.executeUpdate());
        }
    }

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }
}
