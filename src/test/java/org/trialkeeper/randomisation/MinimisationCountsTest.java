package org.trialkeeper.randomisation;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** Minimisation decides from running counts kept with the allocations, and refuses counts changed in the database. */
@MicronautTest(transactional = false)
class MinimisationCountsTest {

    private static final String COUNTS = "SELECT factor, factor_level, arm, allocations FROM minimisation_count"
            + " WHERE trial_id = ?";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Allocator allocator;

    @Inject
    MinimisationCounts counts;

    @Inject
    AllocationRepository allocations;

    @Inject
    Sequences sequences;

    @Inject
    RandomisationSetupRepository setups;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void runningCountsEqualARecountAndGiveTheArmsOfAFullReplayAfterThousandsOfAllocationsFromConcurrentClients()
            throws Exception {
        int participants = 2400;
        int inOneBatch = 40;
        RecruitingTrial trial = new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("counts"), participants));
        List<Long> ids = MinimisedTrials.enrol(trial, "C-", participants);
        Actor coordinator = new Actor(null, "batch", Role.COORDINATOR);
        List<Allocator.Answer> batch = allocator.allocate(trial.id, ids.subList(0, inOneBatch).stream()
                .map(id -> new Allocator.Request(coordinator, id, "batch-" + id)).toList());
        batch.forEach(answer -> assertNull(answer.refusal()));
        MinimisedTrials.randomise(trial, ids.subList(inOneBatch, participants), 16);

        List<Allocation> made = allocations.findByTrialIdOrderByNumber(trial.id);
        assertEquals(participants, made.size());
        MinimisationCounts.Stored stored = stored(trial.id);
        assertTrue(stored.intact());
        assertEquals(participants, stored.allocations());
        assertEquals(recount(made).cells(), stored.counts().cells());

        Sequences.Sequence sequence = sequences.derive(setups.findById(trial.id).orElseThrow());
        List<MinimisationReplay.Decision> decisions = made.stream().map(Allocation::decision).toList();
        for (int k = 0; k < participants; k++) {
            MarginalCounts before = new MarginalCounts();
            decisions.subList(0, k).forEach(before::add);
            assertEquals(MinimisationReplay.decide(sequence.protocol(), before, decisions.get(k).levels(),
                    sequence.seed(), sequence.setup().stream(), k + 1), decisions.get(k).arm(), "allocation " + (k + 1));
        }

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> verified = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verified.get("verified"), verified.toString());
        assertEquals(participants, verified.get("allocationsChecked"));
    }

    @Test
    void countsChangedOrPutBackInTheDatabaseAreRefusedAndCountsRemovedAreRecountedFromTheAllocations() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("edited"), 20));
        List<Long> ids = MinimisedTrials.enrol(trial, "E-", 10);
        MinimisedTrials.randomise(trial, ids.subList(0, 4), 1);
        List<Map<String, Object>> earlierCounts = rows(COUNTS, trial.id);
        List<Map<String, Object>> earlierTally = rows("SELECT allocations, mac FROM minimisation_tally WHERE trial_id = ?",
                trial.id);
        MinimisedTrials.randomise(trial, ids.subList(4, 6), 1);

        update("UPDATE minimisation_count SET allocations = allocations + 1 WHERE trial_id = ? AND factor = 'site'",
                trial.id);
        refused(trial, ids.get(6));
        Map<?, ?> integrity = trial.admin.retrieve(HttpRequest.GET(trial.path("/randomisation/integrity")), Map.class);
        assertEquals(false, integrity.get("intact"));
        assertTrue(integrity.get("problems").toString().contains("the running minimisation counts at site="),
                integrity.toString());
        assertFalse(integrity.toString().contains("BALINT") || integrity.toString().contains("WAITLIST"));
        update("UPDATE minimisation_count SET allocations = allocations - 1 WHERE trial_id = ? AND factor = 'site'",
                trial.id);
        assertEquals(true, trial.admin.retrieve(HttpRequest.GET(trial.path("/randomisation/integrity")), Map.class)
                .get("intact"));

        putBack(trial.id, earlierCounts, "minimisation_count");
        refused(trial, ids.get(6));
        putBack(trial.id, earlierTally, "minimisation_tally");
        refused(trial, ids.get(6));

        update("DELETE FROM minimisation_tally WHERE trial_id = ?", trial.id);
        MinimisedTrials.randomise(trial, ids.subList(6, 8), 1);
        MinimisationCounts.Stored rebuilt = stored(trial.id);
        assertTrue(rebuilt.intact());
        assertEquals(8, rebuilt.allocations());
        assertEquals(recount(allocations.findByTrialIdOrderByNumber(trial.id)), rebuilt.counts());
    }

    @Test
    void verificationAfterLockNamesTheFactorLevelAndArmOfARunningCountThatDiffersFromTheAllocations() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("verified"), 20));
        MinimisedTrials.randomise(trial, MinimisedTrials.enrol(trial, "V-", 6), 1);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<String, Object> cell = rows(COUNTS + " ORDER BY factor, factor_level, arm", trial.id).get(0);
        String changeOne = "UPDATE minimisation_count SET allocations = allocations + ? WHERE trial_id = ?"
                + " AND factor = ? AND factor_level = ? AND arm = ?";
        int count = ((Number) cell.get("allocations")).intValue();

        update(changeOne, 1, trial.id, cell.get("factor"), cell.get("factor_level"), cell.get("arm"));
        Map<?, ?> broken = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        update(changeOne, -1, trial.id, cell.get("factor"), cell.get("factor_level"), cell.get("arm"));

        assertEquals(false, broken.get("verified"));
        assertEquals(List.of("the running minimisation counts do not match their MAC", "the running count of "
                + cell.get("factor") + "=" + cell.get("factor_level") + " in arm " + cell.get("arm") + " is "
                + (count + 1) + ", the allocations give " + count),
                broken.get("differences"));
        assertEquals(true, trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class)
                .get("verified"));
    }

    private MinimisationCounts.Stored stored(long trialId) {
        return transactions.executeRead(status -> counts.stored(trialId)).orElseThrow();
    }

    private void refused(RecruitingTrial trial, long participant) {
        int before = allocations.lastNumber(trial.id);
        problem(HttpStatus.CONFLICT, "minimisation-counts-altered", () -> trial.randomise(participant, "refused-" + participant));
        assertEquals(before, allocations.lastNumber(trial.id), "nothing allocated");
    }

    private static MarginalCounts recount(List<Allocation> made) {
        MarginalCounts recount = new MarginalCounts();
        made.forEach(allocation -> recount.add(allocation.decision()));
        return recount;
    }

    /** Replaces the trial's rows of the table with those read earlier. */
    private void putBack(long trialId, List<Map<String, Object>> earlier, String table) throws SQLException {
        update("DELETE FROM " + table + " WHERE trial_id = ?", trialId);
        for (Map<String, Object> row : earlier) {
            List<Object> values = new ArrayList<>(row.values());
            values.add(trialId);
            update("INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ", trial_id) VALUES ("
                    + "?, ".repeat(row.size()) + "?)", values.toArray());
        }
    }

    private List<Map<String, Object>> rows(String sql, long trialId) throws SQLException {
        try (Connection db = raw().getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, trialId);
            try (var result = query.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection db = raw().getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }
}
