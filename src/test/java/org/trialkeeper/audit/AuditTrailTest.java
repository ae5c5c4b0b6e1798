package org.trialkeeper.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.support.Api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AuditTrailTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AuditTrail audit;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    DataSource dataSource;

    @Test
    void everyChangeLeavesOneRecordWithWhoWhatAndTheValues() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("audited")));
        admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
        List<AuditView> records = trialRecords(admin, trialId);
        assertEquals(List.of("trial.registered", "trial.status-changed", "randomisation.committed"),
                records.stream().map(AuditView::action).toList());
        AuditView change = records.get(1);
        assertEquals("admin", change.username());
        assertEquals("ADMIN", change.role());
        assertEquals("{\"status\":\"DRAFT\"}", change.before());
        assertEquals("{\"status\":\"RECRUITING\"}", change.after());
        assertTrue(admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class).intact());
    }

    @Test
    void aFailedRequestLeavesNoRecordAndNoData() {
        Api admin = Api.admin(http);
        long before = lastSeq();
        int trials = admin.retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(Map.class)).size();
        String broken = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("failed")).replace("ratio: 1", "ratio: 0");
        assertThrows(HttpClientResponseException.class,
                () -> admin.exchange(HttpRequest.POST("/api/trials", broken).contentType(Api.YAML)));
        assertEquals(before, lastSeq());
        assertEquals(trials, admin.retrieve(HttpRequest.GET("/api/trials"), Argument.listOf(Map.class)).size());
    }

    @Test
    void aRecordIsRolledBackWithTheChangeItBelongsTo() {
        long before = lastSeq();
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            audit.record(AuditEvent.of(new Actor(null, "test", Role.ADMIN), null, "test.change", "test", 1).after(java.util.Map.of()));
            throw new IllegalStateException("the change fails after its record was written");
        }));
        assertEquals(before, lastSeq());
        assertTrue(audit.verify().intact());
    }

    @Test
    void anInvestigatorSeesAllocationRevealingValuesOnlyOnceTheTrialIsLocked() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("redact")));
        String username = Api.unique("investigator");
        admin.assign(trialId, admin.createMember(username), "INVESTIGATOR");
        transactions.executeWrite(status -> {
            audit.record(AuditEvent.of(new Actor(null, "coordinator", Role.COORDINATOR), trialId, "allocation.revealed",
                    "allocation", "P-001").after(AuditEvent.fields("arm", "BALINT")).revealingAllocation());
            return null;
        });
        Api investigator = Api.as(http, username);
        AuditView hidden = last(trialRecords(investigator, trialId));
        assertTrue(hidden.redacted());
        assertEquals(AuditView.REDACTED, hidden.after());
        assertEquals("allocation.revealed", hidden.action());
        assertEquals("{\"arm\":\"BALINT\"}", last(trialRecords(admin, trialId)).after());

        for (String status : List.of("RECRUITING", "FOLLOW_UP", "LOCKED")) {
            admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", status)), Map.class);
        }
        AuditView shown = trialRecords(investigator, trialId).stream()
                .filter(r -> r.action().equals("allocation.revealed")).findFirst().orElseThrow();
        assertFalse(shown.redacted());
        assertEquals("{\"arm\":\"BALINT\"}", shown.after());
    }

    private static AuditView last(List<AuditView> records) {
        return records.get(records.size() - 1);
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThrows(RuntimeException.class, () -> audit.record(
                AuditEvent.of(new Actor(null, "test", Role.ADMIN), null, "test.change", "test", 1).after(java.util.Map.of())));
    }

    @Test
    void anAlteredOrRemovedRecordIsNamedWithItsChain() throws SQLException {
        Api admin = Api.admin(http);
        long trialId = recruiting(admin, "tamper");
        AuditView second = trialRecords(admin, trialId).get(1);
        String chain = "trial-" + trialId;
        assertEquals(chain, second.chain());
        assertEquals(2, second.chainSeq());
        long target = second.chainSeq();
        try (Connection db = RawDatabase.connect(dataSource)) {
            String original = RawDatabase.value(db, "SELECT after_value FROM audit_record WHERE id = ?", second.seq());
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = '{\"status\":\"LOCKED\"}' WHERE id = ?", second.seq());
            AuditVerification altered = verify(admin);
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = ? WHERE id = ?", original, second.seq());
            assertFalse(altered.intact());
            assertEquals(chain, altered.chain());
            assertEquals(target, altered.firstBadSeq());
            assertEquals("altered", altered.problem());
            assertTrue(verify(admin).intact());

            long middle = target - 1;
            RawDatabase.execute(db, "CREATE TEMPORARY TABLE kept AS SELECT * FROM audit_record WHERE chain = ? AND seq = ?", chain, middle);
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE chain = ? AND seq = ?", chain, middle);
            AuditVerification removed = verify(admin);
            RawDatabase.execute(db, "INSERT INTO audit_record SELECT * FROM kept");
            RawDatabase.execute(db, "DROP TEMPORARY TABLE kept");
            assertEquals(chain, removed.chain());
            assertEquals(middle + 1, removed.firstBadSeq());
            assertEquals("removed", removed.problem());
            assertTrue(verify(admin).intact());
        }
    }

    @Test
    void aReorderedOrAddedRecordIsNamedWithItsChain() throws SQLException {
        Api admin = Api.admin(http);
        long trialId = recruiting(admin, "reorder");
        String chain = "trial-" + trialId;
        try (Connection db = RawDatabase.connect(dataSource)) {
            RawDatabase.execute(db, "UPDATE audit_record SET seq = 0 - seq WHERE chain = ? AND seq IN (1, 2)", chain);
            RawDatabase.execute(db, "UPDATE audit_record SET seq = 3 + seq WHERE chain = ? AND seq IN (-1, -2)", chain);
            AuditVerification reordered = verify(admin);
            RawDatabase.execute(db, "UPDATE audit_record SET seq = 0 - seq WHERE chain = ? AND seq IN (1, 2)", chain);
            RawDatabase.execute(db, "UPDATE audit_record SET seq = 3 + seq WHERE chain = ? AND seq IN (-1, -2)", chain);
            assertFalse(reordered.intact());
            assertEquals(chain, reordered.chain());
            assertEquals(1L, reordered.firstBadSeq(), "the first two records swapped places");
            assertTrue(verify(admin).intact());

            long head = trialRecords(admin, trialId).stream().mapToLong(AuditView::chainSeq).max().orElseThrow();
            RawDatabase.execute(db, "INSERT INTO audit_record (chain, seq, recorded_at, user_id, username, role, trial_id,"
                    + " action, entity, entity_id, before_value, after_value, reason, reveals_allocation, previous_hash, hash)"
                    + " SELECT chain, seq + 1, recorded_at, user_id, username, role, trial_id, action, entity, entity_id,"
                    + " before_value, after_value, reason, reveals_allocation, previous_hash, hash"
                    + " FROM audit_record WHERE chain = ? AND seq = ?", chain, head);
            AuditVerification added = verify(admin);
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE chain = ? AND seq = ?", chain, head + 1);
            assertEquals(chain, added.chain());
            assertEquals(head + 1, added.firstBadSeq());
            assertTrue(verify(admin).intact());
        }
    }

    @Test
    void aRecordMovedToAnotherTrialsChainIsFound() throws SQLException {
        Api admin = Api.admin(http);
        long from = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("moved-from")));
        long to = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("moved-to")));
        admin.retrieve(HttpRequest.POST("/api/trials/" + from + "/status", Map.of("status", "RECRUITING")), Map.class);
        AuditView moved = last(trialRecords(admin, from));
        AuditView before = last(trialRecords(admin, to));
        try (Connection db = RawDatabase.connect(dataSource)) {
            String previousHash = RawDatabase.value(db, "SELECT hash FROM audit_record WHERE id = ?", before.seq());
            String hash = RawDatabase.value(db, "SELECT hash FROM audit_record WHERE id = ?", moved.seq());
            // as a careful writer would: renumbered and linked at the end of the other chain, both heads moved to match
            RawDatabase.execute(db, "UPDATE audit_record SET chain = ?, seq = ?, previous_hash = ?, trial_id = ? WHERE id = ?",
                    before.chain(), before.chainSeq() + 1, previousHash, to, moved.seq());
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = last_seq + 1, last_hash = ? WHERE chain = ?", hash, before.chain());
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = last_seq - 1, last_hash = (SELECT hash FROM audit_record"
                    + " WHERE chain = ? AND seq = ?) WHERE chain = ?", moved.chain(), moved.chainSeq() - 1, moved.chain());
            AuditVerification found = verify(admin);
            RawDatabase.execute(db, "UPDATE audit_record SET chain = ?, seq = ?, previous_hash = ?, trial_id = ? WHERE id = ?",
                    moved.chain(), moved.chainSeq(), RawDatabase.value(db, "SELECT hash FROM audit_record WHERE chain = ?"
                            + " AND seq = ?", moved.chain(), moved.chainSeq() - 1), from, moved.seq());
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = last_seq - 1, last_hash = ? WHERE chain = ?",
                    previousHash, before.chain());
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = last_seq + 1, last_hash = ? WHERE chain = ?", hash, moved.chain());
            assertFalse(found.intact());
            assertEquals(moved.chain(), found.chain(), "where it was taken from, this service saw it written");
            assertEquals("removed", found.problem());
            assertTrue(verify(admin).intact());
        }
    }

    @Test
    void aTrialsRecordsArePagedFiveHundredAtATimeOldestFirst() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("paged")));
        transactions.executeWrite(status -> {
            audit.lock(trialId).recordAll(java.util.stream.IntStream.range(0, 600).mapToObj(i -> AuditEvent.of(
                    new Actor(null, "admin", Role.ADMIN), trialId, "test.note", "note", i).after(java.util.Map.of())).toList());
            return null;
        });
        List<AuditView> first = trialRecords(admin, trialId);
        assertEquals(500, first.size());
        assertEquals("trial.registered", first.get(0).action());
        long last = first.get(499).seq();
        List<AuditView> second = admin.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/audit?afterSeq=" + last),
                Argument.listOf(AuditView.class));
        assertEquals(101, second.size(), "the rest: 601 records in all");
        assertTrue(second.get(0).seq() > last);
        assertEquals(List.of(), admin.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/audit?afterSeq="
                + second.get(100).seq()), Argument.listOf(AuditView.class)));
    }

    private static long recruiting(Api admin, String name) {
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique(name)));
        admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
        return trialId;
    }

    private static List<AuditView> trialRecords(Api api, long trialId) {
        return api.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/audit"), Argument.listOf(AuditView.class));
    }

    private static AuditVerification verify(Api admin) {
        return admin.retrieve(HttpRequest.GET("/api/audit/verify"), AuditVerification.class);
    }

    private long lastSeq() {
        return audit.verify().recordsChecked();
    }
}
