package org.trialkeeper.randomisation;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.SequenceStream;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/**
 * Concealment against someone who can read or write the database. Reading it, they learn no
 * allocation that has not been made: the lists are not stored, only the sealed seed they are
 * derived from, and after lock they regenerate exactly from the revealed seed. Writing it, a
 * changed arm is refused wherever it would be read and named by number to the administrator,
 * and a sealed seed that cannot be opened is said to be so, never a 500.
 */
@MicronautTest(transactional = false)
class SealedRandomisationTest {

    private static final String ALTERED = "allocation-altered";
    private static final String UNREADABLE = "seed-unreadable";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Test
    void noTableHoldsTheArmOfAnAllocationNotYetMadeAndTheListsRegenerateAfterLock() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        List<String> arms = List.of("INTERVENE_" + tag, "CONTROL_" + tag);
        String yaml = ProtocolFiles.seedVariantYaml(Api.unique("concealed"), tree -> {
            List<Map<String, Object>> protocolArms = (List<Map<String, Object>>) tree.get("arms");
            protocolArms.get(0).put("code", arms.get(0));
            protocolArms.get(1).put("code", arms.get(1));
            Map<String, Object> randomisation = (Map<String, Object>) tree.get("randomisation");
            randomisation.put("scheme", "permuted-blocks");
            randomisation.put("blockSizes", List.of(2, 4, 6));
        });
        RecruitingTrial trial = new RecruitingTrial(http, yaml);
        Map<String, Integer> protocolText = Map.of("protocol_version.canonical_json", 1, "protocol_version.source", 1);
        assertEquals(new TreeMap<>(protocolText), cellsNaming(arms),
                "right after recruitment opens, only the protocol's own text names the arms");

        List<String> allocated = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            allocated.add((String) trial.randomise(trial.enrol("C-" + i, "female"), "key-concealed-" + i).get("arm"));
        }
        Map<String, Integer> made = new TreeMap<>(protocolText);
        made.put("allocation.arm", 3);
        made.put("audit_record.after_value", 3);
        assertEquals(made, cellsNaming(arms), "the three allocations made, and their audit records, and nothing more");

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> export = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence")), Map.class);
        assertEquals("aes-256-ctr", export.get("stream"));
        Protocol protocol = ProtocolReader.read(yaml);
        List<Slot> regenerated = SequencePlan.generate(protocol, HexFormat.of().parseHex((String) export.get("seed")),
                SequenceStream.AES_256_CTR).get("all");
        List<Map<String, Object>> slots = (List<Map<String, Object>>) ((List<Map<String, Object>>) export.get("strata"))
                .get(0).get("slots");
        assertEquals(regenerated, slots.stream().map(s -> new Slot((Integer) s.get("position"), (String) s.get("arm"),
                (Integer) s.get("block"), (Integer) s.get("blockSize"))).toList());
        assertEquals(allocated, regenerated.subList(0, 3).stream().map(Slot::arm).toList());
        Map<?, ?> verified = trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/verify")), Map.class);
        assertEquals(true, verified.get("verified"), verified.toString());
    }

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
        // the interim report pools the arms and no longer needs the seed for neutral labels
        Map<?, ?> interim = (Map<?, ?>) trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")),
                Map.class).get("report");
        assertEquals(false, interim.get("unblinded"));
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

    /** Every cell of every table that names one of the arms, counted by table and column. */
    private Map<String, Integer> cellsNaming(List<String> arms) throws SQLException {
        Map<String, Integer> cells = new TreeMap<>();
        try (Connection db = raw().getConnection(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM `" + table + "`")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            String value = rows.getString(column);
                            if (value != null && arms.stream().anyMatch(value::contains)) {
                                cells.merge(table + "." + rows.getMetaData().getColumnName(column).toLowerCase(Locale.ROOT),
                                        1, Integer::sum);
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static boolean namesAnArm(String text) {
        return text.contains("BALINT") || text.contains("WAITLIST") || text.contains("Balint group") || text.contains("Waitlist");
    }

    private void swapArmOfAllocation(long trialId, int number) throws SQLException {
        try (Connection db = raw().getConnection(); PreparedStatement swap = db.prepareStatement("UPDATE allocation SET arm ="
                + " CASE arm WHEN 'BALINT' THEN 'WAITLIST' ELSE 'BALINT' END WHERE trial_id = ? AND number = ?")) {
            swap.setLong(1, trialId);
            swap.setInt(2, number);
            assertEquals(1, swap.executeUpdate());
        }
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
