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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chain written before the audit key existed, as the version before it left it, meets the keyed service. */
class AuditSealingTest {


    @Test
    void anIntactChainIsSealedUnderTheKeyOnceAndSaysSo() throws Exception {
        String url = databaseWithUnkeyedChain("trialkeeper_unkeyed_intact", false);
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
            assertNotEquals(firstHashBefore, RawDatabase.value(db, "SELECT hash FROM audit_record WHERE seq = ?", 1),
                    "the old records now carry MACs");
        }
    }

    @Test
    void aBrokenChainIsNeverSealedAndItsBreakStaysNamed() throws Exception {
        String url = databaseWithUnkeyedChain("trialkeeper_unkeyed_broken", true);
        try (EmbeddedServer service = start(url); HttpClient http = HttpClient.create(service.getURL())) {
            Api admin = Api.admin(http);
            AuditVerification verification = admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
            assertFalse(verification.intact());
            assertFalse(verification.keyed());
            assertEquals(2L, verification.firstBadSeq());
            assertEquals("altered", verification.problem());
        }
    }

    private static EmbeddedServer start(String url) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "datasources.default.url", url, "datasources.default.username", TestDatabases.user(),
                "datasources.default.password", TestDatabases.password()), "test");
    }

    /** Migrated to V6, with three records chained by SHA-256 as before the key; the second altered if asked. */
    private static String databaseWithUnkeyedChain(String database, boolean alterSecond) throws Exception {
        String url = sharedServerUrl(database);
        Flyway.configure().dataSource(url, TestDatabases.user(), TestDatabases.password()).locations("classpath:db/migration").target("6").load().migrate();
        AuditChain unkeyed = AuditChain.unkeyed();
        String previous = AuditChain.GENESIS;
        try (Connection db = DriverManager.getConnection(url, TestDatabases.user(), TestDatabases.password())) {
            for (long seq = 1; seq <= 3; seq++) {
                AuditEntry entry = new AuditEntry(seq, Instant.parse("2026-11-30T10:00:00.123456Z").plusSeconds(seq),
                        null, "system", null, null, "test.note", "note", Long.toString(seq), null, "{\"n\":" + seq + "}",
                        null, false);
                String hash = unkeyed.hash(entry, previous);
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
