package org.trialkeeper.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.support.Api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tampering by someone who can write the database but does not hold the audit key. */
@MicronautTest(transactional = false)
class KeyedChainTest {

    @Inject
    AuditRepository records;

    @Inject
    AuditTrail audit;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aRecordAlteredAndTheChainRecomputedWithoutTheKeyIsNamed() throws Exception {
        Api admin = Api.admin(http);
        long first = append(3);
        List<AuditRecord> original = records.findTop500BySeqGreaterThanOrderBySeq(first - 1);
        try (Connection db = RawDatabase.connect(dataSource)) {
            // what a writer without the key can do: change a value, then recompute every hash after it with SHA-256
            String previous = original.get(0).previousHash();
            AuditChain unkeyed = AuditChain.unkeyed();
            for (AuditRecord record : original) {
                AuditEntry entry = record.entry();
                if (entry.seq() == first) {
                    entry = new AuditEntry(entry.seq(), entry.recordedAt(), entry.userId(), entry.username(), entry.role(),
                            entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                            "{\"forged\":true}", entry.reason(), entry.revealsAllocation());
                }
                String hash = unkeyed.hash(entry, previous);
                RawDatabase.execute(db, "UPDATE audit_record SET after_value = ?, previous_hash = ?, hash = ? WHERE seq = ?",
                        entry.after(), previous, hash, entry.seq());
                previous = hash;
            }
            RawDatabase.execute(db, "UPDATE audit_head SET last_hash = ?", previous);
            AuditVerification forged = verify(admin, "");
            restore(db, original);
            assertFalse(forged.intact());
            assertEquals(first, forged.firstBadSeq());
            assertEquals("altered", forged.problem());
            assertTrue(forged.keyed());
        }
        assertTrue(verify(admin, "").intact());
    }

    @Test
    void theNewestRecordsRemovedWithTheHeadMovedBackAreFound() throws Exception {
        Api admin = Api.admin(http);
        long first = append(3);
        List<AuditRecord> newest = records.findTop500BySeqGreaterThanOrderBySeq(first - 1);
        AuditRecord kept = records.findTop100BySeqLessThanOrderBySeqDesc(first).get(0);
        try (Connection db = RawDatabase.connect(dataSource)) {
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE seq >= ?", first);
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = ?, last_hash = ?", kept.seq(), kept.hash());
            AuditVerification cut = verify(admin, "");
            for (AuditRecord record : newest) {
                RawDatabase.execute(db, "INSERT INTO audit_record (seq, recorded_at, user_id, username, role, trial_id,"
                        + " action, entity, entity_id, before_value, after_value, reason, reveals_allocation, previous_hash,"
                        + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", record.seq(),
                        java.sql.Timestamp.from(record.recordedAt()), record.userId(), record.username(), record.role(),
                        record.trialId(), record.action(), record.entity(), record.entityId(), record.before(),
                        record.after(), record.reason(), record.revealsAllocation(), record.previousHash(), record.hash());
            }
            AuditRecord last = newest.get(newest.size() - 1);
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = ?, last_hash = ?", last.seq(), last.hash());
            assertFalse(cut.intact());
            assertEquals("removed", cut.problem());
        }
        assertTrue(verify(admin, "").intact());
    }

    @Test
    void verificationSaysWhetherTheChainStillPassesThroughAnAnchorPublishedEarlier() {
        Api admin = Api.admin(http);
        append(1);
        AuditAnchor published = verify(admin, "").anchor();
        append(2);
        AuditVerification later = verify(admin, "?anchorSeq=" + published.seq() + "&anchorHash=" + published.hash());
        assertTrue(later.intact());
        assertEquals(Boolean.TRUE, later.extendsAnchor());
        assertEquals(published.seq() + 2, later.anchor().seq());
        String otherHash = published.hash().startsWith("0") ? "1" + published.hash().substring(1) : "0" + published.hash().substring(1);
        assertEquals(Boolean.FALSE, verify(admin, "?anchorSeq=" + published.seq() + "&anchorHash=" + otherHash).extendsAnchor());
        assertEquals(Boolean.FALSE, verify(admin, "?anchorSeq=" + (later.anchor().seq() + 5) + "&anchorHash="
                + published.hash()).extendsAnchor(), "an anchor beyond today's chain is not extended");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> verify(admin, "?anchorSeq=0&anchorHash=xyz"));
        assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus());
    }

    /** Appends records in a transaction of their own; answers the first one's number. */
    private long append(int count) {
        return transactions.executeWrite(status -> {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(AuditEvent.of(new Actor(null, "test", Role.ADMIN), null, "test.note", "note", i)
                        .after(Map.of("n", i)));
            }
            long first = audit.anchor().seq() + 1;
            audit.lock().recordAll(events);
            return first;
        });
    }

    private static void restore(Connection db, List<AuditRecord> original) throws Exception {
        for (AuditRecord record : original) {
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = ?, previous_hash = ?, hash = ? WHERE seq = ?",
                    record.after(), record.previousHash(), record.hash(), record.seq());
        }
        RawDatabase.execute(db, "UPDATE audit_head SET last_hash = ?", original.get(original.size() - 1).hash());
    }

    private static AuditVerification verify(Api admin, String query) {
        return admin.retrieve(HttpRequest.GET("/api/audit/verify" + query), AuditVerification.class);
    }
}
