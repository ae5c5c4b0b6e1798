package org.trialkeeper.randomisation;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
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

/**
 * Someone who reads the whole database learns no allocation that has not been made: the lists
 * are not stored, only the sealed seed they are derived from. After lock they regenerate
 * exactly from the revealed seed.
 */
@MicronautTest(transactional = false)
class ConcealedSequenceTest {

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

    private DataSource raw() {
        return dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
    }
}
