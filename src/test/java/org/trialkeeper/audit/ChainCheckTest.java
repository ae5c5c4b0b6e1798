package org.trialkeeper.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainCheckTest {

    private record Stored(AuditEntry entry, String previousHash, String hash) {
    }

    private static List<Stored> chain(int length) {
        List<Stored> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= length; seq++) {
            AuditEntry entry = new AuditEntry(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), 1L, "admin",
                    "ADMIN", 7L, "trial.status-changed", "trial", "7", "{\"status\":\"DRAFT\"}",
                    "{\"status\":\"RECRUITING\"}", null, false);
            String hash = AuditChain.hash(entry, previous);
            chain.add(new Stored(entry, previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static AuditVerification verify(List<Stored> records, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck();
        records.forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        return check.result(headSeq, headHash);
    }

    private static AuditVerification verify(List<Stored> records, List<Stored> original) {
        Stored head = original.get(original.size() - 1);
        return verify(records, head.entry().seq(), head.hash());
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<Stored> chain = chain(5);
        AuditVerification result = verify(chain, chain);
        assertTrue(result.intact());
        assertEquals(5, result.recordsChecked());
    }

    @Test
    void anAlteredValueIsNamed() {
        List<Stored> chain = chain(5);
        List<Stored> tampered = new ArrayList<>(chain);
        AuditEntry e = chain.get(2).entry();
        tampered.set(2, new Stored(new AuditEntry(e.seq(), e.recordedAt(), e.userId(), e.username(), e.role(),
                e.trialId(), e.action(), e.entity(), e.entityId(), e.before(), "{\"status\":\"LOCKED\"}",
                e.reason(), e.revealsAllocation()), chain.get(2).previousHash(), chain.get(2).hash()));
        AuditVerification result = verify(tampered, chain);
        assertEquals(3L, result.firstBadSeq());
        assertEquals("altered", result.problem());
    }

    @Test
    void aRecordAlteredAndReHashedBreaksTheLinkToTheNext() {
        List<Stored> chain = chain(5);
        List<Stored> tampered = new ArrayList<>(chain);
        Stored third = chain.get(2);
        AuditEntry forged = new AuditEntry(3, third.entry().recordedAt(), 2L, "someone", "ADMIN", 7L,
                third.entry().action(), "trial", "7", null, null, null, false);
        tampered.set(2, new Stored(forged, third.previousHash(), AuditChain.hash(forged, third.previousHash())));
        AuditVerification result = verify(tampered, chain);
        assertEquals(4L, result.firstBadSeq());
        assertEquals("inserted", result.problem());
    }

    @Test
    void aRemovedRecordIsNamed() {
        List<Stored> chain = chain(5);
        List<Stored> tampered = new ArrayList<>(chain);
        tampered.remove(2);
        AuditVerification result = verify(tampered, chain);
        assertEquals(4L, result.firstBadSeq());
        assertEquals("removed", result.problem());
    }

    @Test
    void removingTheNewestRecordsShowsAgainstTheHead() {
        List<Stored> chain = chain(5);
        AuditVerification result = verify(chain.subList(0, 3), chain);
        assertEquals(4L, result.firstBadSeq());
        assertEquals("removed", result.problem());
    }

    @Test
    void recordsAddedAfterTheHeadAreNamed() {
        List<Stored> chain = chain(6);
        AuditVerification result = verify(chain, 5, chain.get(4).hash());
        assertEquals(6L, result.firstBadSeq());
        assertEquals("inserted", result.problem());
    }

    @Test
    void theHashCoversEveryField() {
        AuditEntry entry = chain(1).get(0).entry();
        String hash = AuditChain.hash(entry, AuditChain.GENESIS);
        AuditEntry withReason = new AuditEntry(entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), "typo", entry.revealsAllocation());
        AuditEntry revealing = new AuditEntry(entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), entry.reason(), true);
        assertTrue(!hash.equals(AuditChain.hash(withReason, AuditChain.GENESIS)));
        assertTrue(!hash.equals(AuditChain.hash(revealing, AuditChain.GENESIS)));
        assertTrue(!hash.equals(AuditChain.hash(entry, "1".repeat(64))));
    }
}
