package org.trialkeeper.randomisation;

import io.micronaut.json.JsonMapper;
import org.flywaydb.core.Flyway;
import org.trialkeeper.database.TestDatabases;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.randomisation.scheme.Commitment;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.Seeds;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.SequenceStream;
import org.trialkeeper.randomisation.scheme.Slot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A database as the version before sealed allocations left it: migrated up to V7, with
 * recruiting trials whose seeds are sealed under the test key, whose lists (drawn with
 * XoRoShiRo128++) are stored in clear, and whose allocations carry no MACs.
 */
final class EarlierVersionDatabase {

    /** trialkeeper.seed-key of application-test.yml. */
    static final byte[] SEED_KEY = Base64.getDecoder().decode("dGVzdC1zZWVkLWtleS10aGF0LWlzLTMyLWJ5dGVzLSE=");
    static final SequenceStream STREAM = SequenceStream.XOROSHIRO_128_PP;
    private static final Map<String, String> FEMALE = Map.of("sex", "female", "marital", "married", "education", "bachelor");

    /** A trial as written: its seed, its lists, and its participants (the randomised ones first, then one enrolled). */
    record Trial(long id, Protocol protocol, byte[] seed, Map<String, List<Slot>> lists, List<Long> participants,
                 List<String> arms) {

        long enrolled() {
            return participants.get(participants.size() - 1);
        }
    }

    private final String url;

    EarlierVersionDatabase(String database) {
        this.url = TestDatabases.url(database);
        Flyway.configure().dataSource(url, TestDatabases.user(), TestDatabases.password())
                .locations("classpath:db/migration").target("7").load().migrate();
    }

    String url() {
        return url;
    }

    /** A recruiting trial with {@code randomised} allocations made in order, the second one's arm swapped if asked. */
    Trial recruiting(String yaml, int randomised, boolean swapSecondArm) throws Exception {
        Protocol protocol = ProtocolReader.read(yaml);
        byte[] seed = Seeds.fresh();
        Map<String, List<Slot>> lists = SequencePlan.generate(protocol, seed, STREAM);
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            long trialId = insert(db, "INSERT INTO trial (short_name, title, status, protocol_version, created_at, updated_at)"
                    + " VALUES (?, ?, 'RECRUITING', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", protocol.shortName(), protocol.title());
            String canonical = JsonMapper.createDefault().writeValueAsString(protocol);
            insert(db, "INSERT INTO protocol_version (trial_id, version, source, source_type, canonical_json, sha256, created_at)"
                    + " VALUES (?, 1, ?, 'application/yaml', ?, ?, UTC_TIMESTAMP(6))", trialId, yaml, canonical,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8))));
            insert(db, "INSERT INTO randomisation_setup (trial_id, scheme, protocol_version, encrypted_seed, commitment,"
                    + " committed_at) VALUES (?, ?, 1, ?, ?, UTC_TIMESTAMP(6))", trialId, protocol.randomisation().scheme().name(),
                    new SeedVault(SEED_KEY).seal(seed, trialId), Commitment.of(protocol, lists, seed, STREAM));
            insert(db, "INSERT INTO allocation_lock (trial_id) VALUES (?)", trialId);
            for (Map.Entry<String, List<Slot>> list : lists.entrySet()) {
                for (Slot slot : list.getValue()) {
                    insert(db, "INSERT INTO allocation_slot (trial_id, stratum, position, arm, block, block_size)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", trialId, list.getKey(), slot.position(), slot.arm(), slot.block(),
                            slot.blockSize());
                }
            }
            List<Long> participants = new ArrayList<>();
            List<String> arms = new ArrayList<>();
            MarginalCounts earlier = new MarginalCounts();
            for (int number = 1; number <= randomised + 1; number++) {
                boolean enrolledOnly = number > randomised;
                long participant = insert(db, "INSERT INTO participant (trial_id, code, site, baseline_json, eligibility_json,"
                        + " failed_criteria, consent, status, screened_at, updated_at) VALUES (?, ?, 'RAZI', ?, '{}', '',"
                        + " 'GIVEN', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", trialId, "E-" + number,
                        "{\"age\":30,\"sex\":\"female\",\"marital\":\"married\",\"education\":\"bachelor\"}",
                        enrolledOnly ? "ENROLLED" : "RANDOMISED");
                participants.add(participant);
                if (enrolledOnly) {
                    break;
                }
                String stratum = "all";
                String levels = stratum;
                String arm;
                if (protocol.randomisation().scheme() == Scheme.MINIMISATION) {
                    FactorLevels factorLevels = FactorLevels.of(protocol, "RAZI", FEMALE);
                    arm = MinimisationReplay.decide(protocol, earlier, factorLevels, seed, STREAM, number);
                    earlier.add(new MinimisationReplay.Decision(factorLevels, arm));
                    levels = factorLevels.stored();
                } else {
                    arm = lists.get(stratum).get(number - 1).arm();
                }
                arms.add(arm);
                String stored = swapSecondArm && number == 2 ? other(protocol, arm) : arm;
                insert(db, "INSERT INTO allocation (trial_id, participant_id, number, stratum, position, factor_levels, arm,"
                        + " idempotency_key, allocated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", trialId,
                        participant, number, stratum, number, levels, stored, "earlier-key-" + trialId + "-" + number);
            }
            return new Trial(trialId, protocol, seed, lists, participants, arms);
        }
    }

    int count(String sql, long trialId) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password());
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, trialId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String other(Protocol protocol, String arm) {
        return protocol.arms().stream().map(a -> a.code()).filter(code -> !code.equals(arm)).findFirst().orElseThrow();
    }

    private static long insert(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }
}
