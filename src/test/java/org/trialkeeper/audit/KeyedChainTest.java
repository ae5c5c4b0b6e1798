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
import org.trialkeeper.protocol.ProtocolFiles;
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
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("forged")));
        String chain = ChainNames.of(trialId);
        long first = append(trialId, 3);
        List<AuditRecord> original = records.findTop500ByChainAndSeqGreaterThanOrderBySeq(chain, first - 1);
        try (Connection db = RawDatabase.connect(dataSource)) {
            // what a writer without the key can do: change a value, then recompute every hash after it with SHA-256
            String previous = original.get(0).previousHash();
            AuditChain unkeyed = AuditChain.unkeyed();
            for (AuditRecord record : original) {
                AuditEntry entry = record.entry();
                if (entry.seq() == first) {
                    entry = new AuditEntry(entry.chain(), entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                            entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                            "{\"forged\":true}", entry.reason(), entry.revealsAllocation());
                }
                String hash = unkeyed.hash(entry, previous);
                RawDatabase.execute(db, "UPDATE audit_record SET after_value = ?, previous_hash = ?, hash = ? WHERE id = ?",
                        entry.after(), previous, hash, record.id());
                previous = hash;
            }
            RawDatabase.execute(db, "UPDATE audit_head SET last_hash = ? WHERE chain = ?", previous, chain);
            AuditVerification forged = verify(admin, "");
            restore(db, original);
            assertFalse(forged.intact());
            assertEquals(chain, forged.chain());
            assertEquals(first, forged.firstBadSeq());
            assertEquals("altered", forged.problem());
            assertTrue(forged.keyed());
        }
        assertTrue(verify(admin, "").intact());
    }

    @Test
    void theNewestRecordsRemovedWithTheHeadMovedBackAreFound() throws Exception {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("cut")));
        String chain = ChainNames.of(trialId);
        long first = append(trialId, 3);
        List<AuditRecord> newest = records.findTop500ByChainAndSeqGreaterThanOrderBySeq(chain, first - 1);
        AuditRecord kept = records.findTop500ByChainAndSeqGreaterThanOrderBySeq(chain, first - 2).get(0);
        try (Connection db = RawDatabase.connect(dataSource)) {
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE chain = ? AND seq >= ?", chain, first);
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE chain = ?",
                    kept.seq(), kept.hash(), chain);
            AuditVerification cut = verify(admin, "");
            RawDatabase.insert(db, newest);
            AuditRecord last = newest.get(newest.size() - 1);
            RawDatabase.execute(db, "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE chain = ?",
                    last.seq(), last.hash(), chain);
            assertFalse(cut.intact());
            assertEquals(chain, cut.chain());
            assertEquals("removed", cut.problem());
            assertEquals(last.seq(), cut.firstBadSeq(), "the newest record this service saw committed");
        }
        assertTrue(verify(admin, "").intact());
    }

    @Test
    void aWholeChainRemovedWithItsHeadIsFound() throws Exception {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("erased")));
        String chain = ChainNames.of(trialId);
        append(trialId, 2);
        List<AuditRecord> all = records.findTop500ByChainAndSeqGreaterThanOrderBySeq(chain, 0);
        try (Connection db = RawDatabase.connect(dataSource)) {
            RawDatabase.execute(db, "DELETE FROM audit_record WHERE chain = ?", chain);
            RawDatabase.execute(db, "DELETE FROM audit_head WHERE chain = ?", chain);
            AuditVerification erased = verify(admin, "");
            RawDatabase.insert(db, all);
            AuditRecord last = all.get(all.size() - 1);
            RawDatabase.execute(db, "INSERT INTO audit_head (chain, last_seq, last_hash, keyed) VALUES (?, ?, ?, TRUE)",
                    chain, last.seq(), last.hash());
            assertFalse(erased.intact());
            assertEquals(chain, erased.chain());
            assertEquals("removed", erased.problem());
        }
        assertTrue(verify(admin, "").intact());
    }

    @Test
    void verificationSaysWhetherAChainStillPassesThroughAnAnchorPublishedEarlier() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("anchored")));
        String chain = ChainNames.of(trialId);
        append(trialId, 1);
        AuditAnchor published = transactions.executeRead(status -> audit.anchor(trialId));
        assertEquals(chain, published.chain());
        append(trialId, 2);
        AuditVerification later = verify(admin, "?chain=" + chain + "&anchorSeq=" + published.seq()
                + "&anchorHash=" + published.hash());
        assertTrue(later.intact());
        assertEquals(Boolean.TRUE, later.extendsAnchor());
        assertTrue(later.anchors().contains(new AuditAnchor(chain, published.seq() + 2,
                transactions.executeRead(status -> audit.anchor(trialId)).hash())));
        assertEquals(Boolean.TRUE, verify(admin, "?anchorSeq=" + published.seq() + "&anchorHash=" + published.hash())
                .extendsAnchor(), "an anchor that names no chain is looked for in every chain");
        assertEquals(Boolean.FALSE, verify(admin, "?chain=service&anchorSeq=" + published.seq() + "&anchorHash="
                + published.hash()).extendsAnchor(), "another chain does not pass through it");
        String otherHash = published.hash().startsWith("0") ? "1" + published.hash().substring(1) : "0" + published.hash().substring(1);
        assertEquals(Boolean.FALSE, verify(admin, "?chain=" + chain + "&anchorSeq=" + published.seq() + "&anchorHash="
                + otherHash).extendsAnchor());
        assertEquals(Boolean.FALSE, verify(admin, "?chain=" + chain + "&anchorSeq=" + (published.seq() + 5)
                + "&anchorHash=" + published.hash()).extendsAnchor(), "an anchor beyond today's chain is not extended");
        for (String refused : List.of("?anchorSeq=0&anchorHash=xyz", "?chain=trial-x&anchorSeq=1&anchorHash="
                + published.hash(), "?chain=" + chain)) {
            HttpClientResponseException problem = assertThrows(HttpClientResponseException.class,
                    () -> verify(admin, refused));
            assertEquals(HttpStatus.BAD_REQUEST, problem.getStatus(), refused);
        }
    }

    @Test
    void anEventIsAppendedOnlyToItsOwnTrialsChain() {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("own")));
        assertThrows(IllegalArgumentException.class, () -> transactions.executeWrite(status -> {
            audit.lock(trialId).record(AuditEvent.of(new Actor(null, "test", Role.ADMIN), null, "test.note", "note", 1));
            return null;
        }));
    }

    /** Appends records to a trial's chain in a transaction of their own; answers the first one's place in it. */
    private long append(long trialId, int count) {
        return transactions.executeWrite(status -> {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(AuditEvent.of(new Actor(null, "test", Role.ADMIN), trialId, "test.note", "note", i)
                        .after(Map.of("n", i)));
            }
            long first = audit.anchor(trialId).seq() + 1;
            audit.lock(trialId).recordAll(events);
            return first;
        });
    }

    private static void restore(Connection db, List<AuditRecord> original) throws Exception {
        for (AuditRecord record : original) {
            RawDatabase.execute(db, "UPDATE audit_record SET after_value = ?, previous_hash = ?, hash = ? WHERE id = ?",
                    record.after(), record.previousHash(), record.hash(), record.id());
        }
        AuditRecord last = original.get(original.size() - 1);
        RawDatabase.execute(db, "UPDATE audit_head SET last_hash = ? WHERE chain = ?", last.hash(), last.chain());
    }

    private static AuditVerification verify(Api admin, String query) {
        return admin.retrieve(HttpRequest.GET("/api/audit/verify" + query), AuditVerification.class);
    }
}
