package org.trialkeeper.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainCheckTest {

    private static final AuditChain KEYED = AuditChain.keyed("a-key-of-thirty-two-bytes-length".getBytes());

    private record Stored(AuditEntry entry, String previousHash, String hash) {
    }

    private static List<Stored> chain(int length) {
        return chain(length, KEYED);
    }

    private static List<Stored> chain(int length, AuditChain hashing) {
        return chain("trial-7", length, hashing);
    }

    private static List<Stored> chain(String name, int length, AuditChain hashing) {
        List<Stored> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= length; seq++) {
            AuditEntry entry = new AuditEntry(name, seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), 1L, "admin",
                    "ADMIN", 7L, "trial.status-changed", "trial", "7", "{\"status\":\"DRAFT\"}",
                    "{\"status\":\"RECRUITING\"}", null, false);
            String hash = hashing.hash(entry, previous);
            chain.add(new Stored(entry, previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static AuditVerification verify(List<Stored> records, long headSeq, String headHash) {
        return verify("trial-7", records, headSeq, headHash);
    }

    private static AuditVerification verify(String name, List<Stored> records, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck(name, KEYED);
        records.forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        return check.result(new AuditHead(name, headSeq, headHash, true));
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
        tampered.set(2, new Stored(new AuditEntry(e.chain(), e.seq(), e.recordedAt(), e.userId(), e.username(), e.role(),
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
        AuditEntry forged = new AuditEntry("trial-7", 3, third.entry().recordedAt(), 2L, "someone", "ADMIN", 7L,
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
        return new AuditEntry(e.chain(), seq, e.recordedAt(), e.userId(), e.username(), e.role(), e.trialId(), e.action(), e.entity(),
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
        AuditEntry withReason = new AuditEntry(entry.chain(), entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), "typo", entry.revealsAllocation());
        AuditEntry revealing = new AuditEntry(entry.chain(), entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
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
        AuditAnchor published = new AuditAnchor("trial-7", 4, chain.get(3).hash());
        ChainCheck check = new ChainCheck("trial-7", KEYED, published, new AuditAnchor("trial-7", 4, chain.get(2).hash()));
        chain.forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        AuditVerification result = check.result(new AuditHead("trial-7", 6, chain.get(5).hash(), true));
        assertTrue(result.intact());
        assertEquals(List.of(new AuditAnchor("trial-7", 6, chain.get(5).hash())), result.anchors());
        assertTrue(check.passed(0), "the chain passes through the anchor published at record 4");
        assertTrue(!check.passed(1), "a wrong MAC at record 4 is not this chain's");
    }

    @Test
    void aChainCutBackWithTheHeadMovedBackMissesAnAnchorBeyondIt() {
        List<Stored> chain = chain(6);
        ChainCheck check = new ChainCheck("trial-7", KEYED, new AuditAnchor("trial-7", 6, chain.get(5).hash()));
        chain.subList(0, 4).forEach(r -> check.accept(r.entry(), r.previousHash(), r.hash()));
        assertTrue(check.result(new AuditHead("trial-7", 4, chain.get(3).hash(), true)).intact(),
                "cut back consistently, the chain alone looks whole");
        assertTrue(!check.passed(0), "but it no longer reaches record 6");
    }

    @Test
    void aRecordMovedToTheEndOfAnotherChainIsNamedThereAndMissedWhereItWas() {
        List<Stored> from = chain("trial-7", 4, KEYED);
        List<Stored> to = chain("trial-8", 3, KEYED);
        // the newest record of trial 7 is put after trial 8's newest, renumbered and linked, both heads moved to match
        Stored moved = from.get(3);
        AuditEntry renumbered = new AuditEntry("trial-8", 4, moved.entry().recordedAt(), moved.entry().userId(),
                moved.entry().username(), moved.entry().role(), moved.entry().trialId(), moved.entry().action(),
                moved.entry().entity(), moved.entry().entityId(), moved.entry().before(), moved.entry().after(),
                moved.entry().reason(), moved.entry().revealsAllocation());
        List<Stored> extended = new ArrayList<>(to);
        extended.add(new Stored(renumbered, to.get(2).hash(), moved.hash()));
        AuditVerification there = verify("trial-8", extended, 4, moved.hash());
        assertFalse(there.intact());
        assertEquals("trial-8", there.chain());
        assertEquals(4L, there.firstBadSeq());
        assertEquals("altered", there.problem(), "its MAC names the chain it was written in");

        ChainCheck left = new ChainCheck("trial-7", KEYED, new AuditAnchor("trial-7", 4, moved.hash()));
        from.subList(0, 3).forEach(r -> left.accept(r.entry(), r.previousHash(), r.hash()));
        assertTrue(left.result(new AuditHead("trial-7", 3, from.get(2).hash(), true)).intact());
        assertFalse(left.passed(0), "where it was, the chain no longer reaches the point it was seen at");
    }

    @Test
    void twoChainsWithTheSameContentHaveDifferentMacs() {
        assertNotEquals(chain("trial-7", 1, KEYED).get(0).hash(), chain("trial-8", 1, KEYED).get(0).hash());
        assertNotEquals(chain("service", 1, KEYED).get(0).hash(), chain(ChainNames.LEGACY, 1, KEYED).get(0).hash());
    }

    @Test
    void theLegacyChainsRecordsAreHashedAsBeforeChainsHadNames() {
        // record 1 of the one chain as it was written: no chain in its text
        AuditEntry entry = chain(ChainNames.LEGACY, 1, KEYED).get(0).entry();
        String text = "1:1;20:2026-01-01T00:00:01Z;1:1;5:admin;5:ADMIN;1:7;20:trial.status-changed;5:trial;1:7;"
                + "18:{\"status\":\"DRAFT\"};23:{\"status\":\"RECRUITING\"};-1:;5:false;64:" + AuditChain.GENESIS + ";";
        assertEquals(sha256(text), AuditChain.unkeyed().hash(entry, AuditChain.GENESIS));
        List<Stored> legacy = chain(ChainNames.LEGACY, 3, KEYED);
        assertTrue(verify(ChainNames.LEGACY, legacy, 3, legacy.get(2).hash()).intact());
    }

    @Test
    void aLegacyRecordMovedIntoATrialChainIsAltered() {
        List<Stored> legacy = chain(ChainNames.LEGACY, 1, KEYED);
        Stored record = legacy.get(0);
        AuditEntry e = record.entry();
        Stored moved = new Stored(new AuditEntry("trial-7", 1, e.recordedAt(), e.userId(), e.username(), e.role(),
                e.trialId(), e.action(), e.entity(), e.entityId(), e.before(), e.after(), e.reason(),
                e.revealsAllocation()), record.previousHash(), record.hash());
        AuditVerification result = verify(List.of(moved), 1, record.hash());
        assertEquals(1L, result.firstBadSeq());
        assertEquals("altered", result.problem());
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
