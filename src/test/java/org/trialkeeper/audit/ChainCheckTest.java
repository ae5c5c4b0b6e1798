package org.trialkeeper.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainCheckTest {

    private static final AuditChain KEYED = AuditChain.keyed("a-key-of-thirty-two-bytes-length".getBytes());

    private record Stored(AuditEntry entry, String previousHash, String hash) {
    }

    private static List<Stored> chain(int length) {
        return chain(length, KEYED);
    }

    private static List<Stored> chain(int length, AuditChain hashing) {
        List<Stored> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= length; seq++) {
            AuditEntry entry = new AuditEntry(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), 1L, "admin",
                    "ADMIN", 7L, "trial.status-changed", "trial", "7", "{\"status\":\"DRAFT\"}",
                    "{\"status\":\"RECRUITING\"}", null, false);
            String hash = hashing.hash(entry, previous);
            chain.add(new Stored(entry, previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static AuditVerification verify(List<Stored> records, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck(KEYED);
        records.forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        return check.result(new AuditHead(AuditHead.ONLY, headSeq, headHash, true));
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
        tampered.set(2, new Stored(forged, third.previousHash(), KEYED.hash(forged, third.previousHash())));
        AuditVerification result = verify(tampered, chain);
        assertEquals(4L, result.firstBadSeq());
        assertEquals("inserted", result.problem());
    }

    @Test
    void twoRecordsSwappedUnderEachOthersNumbersAreNamedAtTheFirst() {
        List<Stored> chain = chain(5);
        List<Stored> tampered = new ArrayList<>(chain);
        // the contents of records 2 and 3 change places, each taking the other's number and stored hashes
        tampered.set(1, new Stored(renumbered(chain.get(2).entry(), 2), chain.get(1).previousHash(), chain.get(1).hash()));
        tampered.set(2, new Stored(renumbered(chain.get(1).entry(), 3), chain.get(2).previousHash(), chain.get(2).hash()));
        AuditVerification result = verify(tampered, chain);
        assertEquals(2L, result.firstBadSeq());
        assertEquals("altered", result.problem());
    }

    private static AuditEntry renumbered(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.recordedAt(), e.userId(), e.username(), e.role(), e.trialId(), e.action(), e.entity(),
                e.entityId(), e.before(), e.after(), e.reason(), e.revealsAllocation());
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
        String hash = KEYED.hash(entry, AuditChain.GENESIS);
        AuditEntry withReason = new AuditEntry(entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), "typo", entry.revealsAllocation());
        AuditEntry revealing = new AuditEntry(entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), entry.reason(), true);
        assertTrue(!hash.equals(KEYED.hash(withReason, AuditChain.GENESIS)));
        assertTrue(!hash.equals(KEYED.hash(revealing, AuditChain.GENESIS)));
        assertTrue(!hash.equals(KEYED.hash(entry, "1".repeat(64))));
    }

    @Test
    void aChainRecomputedWithoutTheKeyIsNamedAtItsFirstRecord() {
        List<Stored> forged = chain(4, AuditChain.unkeyed());
        Stored last = forged.get(3);
        AuditVerification result = verify(forged, last.entry().seq(), last.hash());
        assertEquals(false, result.intact());
        assertEquals(1L, result.firstBadSeq());
        assertEquals("altered", result.problem());
        List<Stored> otherKey = chain(4, AuditChain.keyed("another-key-of-thirty-two-bytes!".getBytes()));
        assertEquals(1L, verify(otherKey, 4, otherKey.get(3).hash()).firstBadSeq());
    }

    @Test
    void anIntactChainGivesItsAnchorAndSaysWhetherItPassesThroughOnePublishedEarlier() {
        List<Stored> chain = chain(6);
        AuditAnchor published = new AuditAnchor(4, chain.get(3).hash());
        ChainCheck check = new ChainCheck(KEYED, published, new AuditAnchor(4, chain.get(2).hash()));
        chain.forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        AuditVerification result = check.result(new AuditHead(AuditHead.ONLY, 6, chain.get(5).hash(), true));
        assertTrue(result.intact());
        assertEquals(new AuditAnchor(6, chain.get(5).hash()), result.anchor());
        assertTrue(check.passed(0), "the chain passes through the anchor published at record 4");
        assertTrue(!check.passed(1), "a wrong MAC at record 4 is not this chain's");
    }

    @Test
    void aChainCutBackWithTheHeadMovedBackMissesAnAnchorBeyondIt() {
        List<Stored> chain = chain(6);
        ChainCheck check = new ChainCheck(KEYED, new AuditAnchor(6, chain.get(5).hash()));
        chain.subList(0, 4).forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        assertTrue(check.result(new AuditHead(AuditHead.ONLY, 4, chain.get(3).hash(), true)).intact(),
                "cut back consistently, the chain alone looks whole");
        assertTrue(!check.passed(0), "but it no longer reaches record 6");
    }
}
