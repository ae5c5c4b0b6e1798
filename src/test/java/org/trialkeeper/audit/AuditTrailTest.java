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
    void anAlteredRemovedOrAddedRecordIsNamed() throws SQLException {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("tamper")));
        admin.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/status", Map.of("status", "RECRUITING")), Map.class);
        long target = trialRecords(admin, trialId).get(1).seq();
        try (Connection db = RawDatabase.connect(dataSource)) {
            String original = RawDatabase.value(db, "SELECT after_value FROM audit_record WHERE seq = ?", target);
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = '{\"status\":\"LOCKED\"}' WHERE seq = ?", target);
            AuditVerification altered = verify(admin);
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = '" + original.replace("'", "''") + "' WHERE seq = ?", target);
            assertFalse(altered.intact());
            assertEquals(target, altered.firstBadSeq());
            assertEquals("altered", altered.problem());
            assertTrue(verify(admin).intact());

            long middle = target - 1;
            RawDatabase.execute(db, "CREATE TEMPORARY TABLE kept AS SELECT * FROM audit_record WHERE seq = ?", middle);
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE seq = ?", middle);
            AuditVerification removed = verify(admin);
            RawDatabase.execute(db, "INSERT INTO audit_record SELECT * FROM kept WHERE seq = ?", middle);
            RawDatabase.execute(db, "DROP TEMPORARY TABLE kept");
            assertEquals(middle + 1, removed.firstBadSeq());
            assertEquals("removed", removed.problem());
            assertTrue(verify(admin).intact());

            long head = lastSeq();
            RawDatabase.execute(db, "INSERT INTO audit_record SELECT seq + 1, recorded_at, user_id, username, role, trial_id, action,"
                    + " entity, entity_id, before_value, after_value, reason, reveals_allocation, previous_hash, hash"
                    + " FROM audit_record WHERE seq = ?", head);
            AuditVerification added = verify(admin);
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE seq = ?", head + 1);
            assertEquals(head + 1, added.firstBadSeq());
            assertTrue(verify(admin).intact());
        }
    }

    @Test
    void aTrialsRecordsArePagedFiveHundredAtATimeOldestFirst() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("paged")));
        transactions.executeWrite(status -> {
            audit.lock().recordAll(java.util.stream.IntStream.range(0, 600).mapToObj(i -> AuditEvent.of(
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
