package org.trialkeeper.audit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.trialkeeper.database.TestDatabases;
import org.trialkeeper.support.Api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chains written by earlier versions meet this one: one written before the audit key existed is
 * sealed under it; one written under the key while the trail was one chain goes on verifying
 * as the legacy chain, and tampering with it is found.
 */
class AuditSealingTest {

    /** trialkeeper.audit-key of application-test.yml. */
    private static final String TEST_AUDIT_KEY = "dGVzdC1hdWRpdC1rZXktdGhhdC1pcy0zMi1ieXRlcyE=";

    @Test
    void anIntactChainIsSealedUnderTheKeyOnceAndSaysSo() throws Exception {
        String url = databaseWithChain("trialkeeper_unkeyed_intact", "6", AuditChain.unkeyed(), false);
        String firstHashBefore;
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            firstHashBefore = RawDatabase.value(db, "SELECT hash FROM audit_record WHERE seq = ?", 1);
        }
        try (EmbeddedServer service = start(url); HttpClient http = HttpClient.create(service.getURL())) {
            Api admin = Api.admin(http);
            AuditVerification verification = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
            assertTrue(verification.intact(), verification.toString());
            assertTrue(verification.keyed());
            List<AuditView> trail = admin.retrieve(HttpRequest.GET("/api/audit"), Argument.listOf(AuditView.class));
            AuditView sealed = trail.get(3);
            assertEquals("audit.chain-sealed", sealed.action());
            assertEquals("{\"records\":3}", sealed.after());
            assertEquals(1, trail.stream().filter(r -> r.action().equals("audit.chain-sealed")).count());
        }
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            assertNotEquals(firstHashBefore, RawDatabase.value(db, "SELECT hash FROM audit_record WHERE chain = 'legacy' AND seq = ?", 1),
                    "the old records now carry MACs");
        }
    }

    @Test
    void aBrokenChainIsNeverSealedAndItsBreakStaysNamed() throws Exception {
        String url = databaseWithChain("trialkeeper_unkeyed_broken", "6", AuditChain.unkeyed(), true);
        try (EmbeddedServer service = start(url); HttpClient http = HttpClient.create(service.getURL())) {
            Api admin = Api.admin(http);
            AuditVerification verification = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
            assertFalse(verification.intact());
            assertFalse(verification.keyed());
            assertEquals("legacy", verification.chain());
            assertEquals(2L, verification.firstBadSeq());
            assertEquals("altered", verification.problem());
        }
    }

    @Test
    void aKeyedChainFromBeforeChainsPerTrialVerifiesAsTheLegacyChainAndItsTamperingIsFound() throws Exception {
        AuditChain keyed = AuditChain.keyed(Base64.getDecoder().decode(TEST_AUDIT_KEY));
        String url = databaseWithChain("trialkeeper_keyed_legacy", "9", keyed, false);
        String third;
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            RawDatabase.execute(db, "UPDATE audit_head SET keyed = TRUE");
            third = RawDatabase.value(db, "SELECT hash FROM audit_record WHERE seq = ?", 3);
        }
        try (EmbeddedServer service = start(url); HttpClient http = HttpClient.create(service.getURL())) {
            Api admin = Api.admin(http);
            AuditVerification verification = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
            assertTrue(verification.intact(), verification.toString());
            assertTrue(verification.anchors().contains(new AuditAnchor("legacy", 3, third)), verification.toString());
            assertEquals(Boolean.TRUE, admin.retrieve(HttpRequest.GET("/api/audit/verify?anchorSeq=3&anchorHash=" + third),
                    AuditVerification.class).extendsAnchor(), "an anchor published before chains had names");
            List<AuditView> trail = admin.retrieve(HttpRequest.GET("/api/audit"), Argument.listOf(AuditView.class));
            assertEquals(List.of("legacy", "legacy", "legacy"), trail.subList(0, 3).stream().map(AuditView::chain).toList());
            assertEquals(List.of(1L, 2L, 3L), trail.subList(0, 3).stream().map(AuditView::seq).toList(), "numbers kept");
            assertTrue(trail.subList(3, trail.size()).stream().allMatch(r -> r.chain().equals("service")),
                    "nothing new is added to the legacy chain, not even a seal");

            try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
                RawDatabase.execute(db, "UPDATE audit_record SET after_value = '{\"n\":20}' WHERE chain = 'legacy' AND seq = 2");
                AuditVerification altered = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
                assertFalse(altered.intact());
                assertEquals("legacy", altered.chain());
                assertEquals(2L, altered.firstBadSeq());
                assertEquals("altered", altered.problem());

                RawDatabase.execute(db, "UPDATE audit_record SET after_value = '{\"n\":2}' WHERE chain = 'legacy' AND seq = 2");
                RawDatabase.execute(db, "DELETE FROM audit_record WHERE chain = 'legacy' AND seq = 3");
                RawDatabase.execute(db, "UPDATE audit_head SET last_seq = 2, last_hash = (SELECT hash FROM audit_record"
                        + " WHERE chain = 'legacy' AND seq = 2) WHERE chain = 'legacy'");
                AuditVerification cut = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
                assertFalse(cut.intact());
                assertEquals("legacy", cut.chain());
                assertEquals("removed", cut.problem(), "the service saw the legacy chain end at record 3 when it started");
            }
        }
    }

    private static EmbeddedServer start(String url) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "datasources.default.url", url, "datasources.default.username", TestDatabases.user(),
                "datasources.default.password", TestDatabases.password()), "test");
    }

    /** Migrated to the target, with three records in the one chain hashed as given; the second altered if asked. */
    private static String databaseWithChain(String database, String target, AuditChain hashing, boolean alterSecond)
            throws Exception {
        String url = sharedServerUrl(database);
        Flyway.configure().dataSource(url, TestDatabases.user(), TestDatabases.password()).locations("classpath:db/migration").target(target).load().migrate();
        String previous = AuditChain.GENESIS;
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            for (long seq = 1; seq <= 3; seq++) {
                AuditEntry entry = new AuditEntry("legacy", seq, Instant.parse("2026-11-30T10:00:00.123456Z").plusSeconds(seq),
                        null, "system", null, null, "test.note", "note", Long.toString(seq), null, "{\"n\":" + seq + "}",
                        null, false);
                String hash = hashing.hash(entry, previous);
                RawDatabase.execute(db, "INSERT INTO audit_record (seq, recorded_at, username, action, entity, entity_id,"
                        + " after_value, reveals_allocation, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        seq, Timestamp.from(entry.recordedAt()), entry.username(), entry.action(), entry.entity(),
                        entry.entityId(), alterSecond && seq == 2 ? "{\"n\":20}" : entry.after(), false, previous, hash);
                previous = hash;
            }
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = 3, last_hash = ?", previous);
        }
        return url;
    }

    private static String sharedServerUrl(String database) {
        return TestDatabases.url(database);
    }
}
