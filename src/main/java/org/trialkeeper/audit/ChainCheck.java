package org.trialkeeper.audit;

import java.util.List;

/**
 * Walks one chain a record at a time and remembers the first record that does not fit: its
 * content no longer matches its hash (altered, moved from another chain, or the chain
 * recomputed without the key), it does not follow on from the record before it (a record was
 * inserted or removed there), or the chain ends before its recorded head (the newest records
 * were removed). It also notes whether the chain passes through given anchors.
 */
final class ChainCheck {

    private final String name;
    private final AuditChain chain;
    private final AuditAnchor[] anchors;
    private final boolean[] passed;
    private long expectedSeq = 1;
    private String previousHash = AuditChain.GENESIS;
    private long checked;
    private AuditVerification failure;

    /** @param anchors points of this chain it is expected to pass through, checked as the walk goes by them */
    ChainCheck(String name, AuditChain chain, AuditAnchor... anchors) {
        this.name = name;
        this.chain = chain;
        this.anchors = anchors;
        this.passed = new boolean[anchors.length];
        for (int i = 0; i < anchors.length; i++) {
            passed[i] = anchors[i].seq() == 0;
        }
    }

    void accept(AuditEntry entry, String storedPreviousHash, String storedHash) {
        if (failure != null) {
            return;
        }
        checked++;
        if (entry.seq() != expectedSeq) {
            fail(entry.seq(), entry.seq() > expectedSeq ? "removed" : "inserted",
                    "record " + expectedSeq + " is missing before record " + entry.seq());
        } else if (!storedPreviousHash.equals(previousHash)) {
            fail(entry.seq(), "inserted", "record " + entry.seq() + " does not follow on from record "
                    + (entry.seq() - 1) + ": it was inserted, or the one before it was altered and re-hashed");
        } else if (!chain.hash(entry, storedPreviousHash).equals(storedHash)) {
            fail(entry.seq(), "altered", "record " + entry.seq() + " was changed or moved here from another chain"
                    + " after it was written" + (chain.isKeyed() ? ", or its MAC was made without the audit key" : ""));
        }
        for (int i = 0; i < anchors.length; i++) {
            if (anchors[i].seq() == entry.seq() && anchors[i].hash().equals(storedHash)) {
                passed[i] = true;
            }
        }
        expectedSeq = entry.seq() + 1;
        previousHash = storedHash;
    }

    /** Whether the walk passed through anchor {@code i} as given. */
    boolean passed(int i) {
        return failure == null && passed[i];
    }

    AuditVerification result(AuditHead head) {
        if (failure != null) {
            return failure;
        }
        if (checked > head.lastSeq()) {
            return verdict(head.lastSeq() + 1, "inserted",
                    "records after " + head.lastSeq() + ", the newest the trail wrote, were added");
        }
        if (checked < head.lastSeq()) {
            return verdict(checked + 1, "removed", "the chain ends at record " + checked + " but the trail wrote "
                    + head.lastSeq());
        }
        if (!previousHash.equals(head.lastHash())) {
            return verdict(checked, "altered", "record " + checked + " is not the newest record the trail wrote");
        }
        return new AuditVerification(true, checked, null, null, null, "all " + checked + " records are intact",
                chain.isKeyed(), List.of(new AuditAnchor(name, checked, previousHash)), null);
    }

    private AuditVerification verdict(long seq, String problem, String detail) {
        return new AuditVerification(false, checked, name, seq, problem, "chain " + name + ": " + detail,
                chain.isKeyed(), null, null);
    }

    private void fail(long seq, String problem, String detail) {
        failure = verdict(seq, problem, detail);
    }
}
