package org.trialkeeper.audit;

/**
 * Walks the chain one record at a time and remembers the first record that does not fit:
 * its content no longer matches its hash (altered), it does not follow on from the record
 * before it (a record was inserted or removed there), or the chain ends before its recorded
 * head (the newest records were removed).
 */
final class ChainCheck {

    private long expectedSeq = 1;
    private String previousHash = AuditChain.GENESIS;
    private long checked;
    private AuditVerification failure;

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
        } else if (!AuditChain.hash(entry, storedPreviousHash).equals(storedHash)) {
            fail(entry.seq(), "altered", "record " + entry.seq() + " was changed after it was written");
        }
        expectedSeq = entry.seq() + 1;
        previousHash = storedHash;
    }

    AuditVerification result(long headSeq, String headHash) {
        if (failure != null) {
            return failure;
        }
        if (checked > headSeq) {
            return new AuditVerification(false, checked, headSeq + 1, "inserted",
                    "records after " + headSeq + ", the newest the trail wrote, were added");
        }
        if (checked < headSeq) {
            return new AuditVerification(false, checked, checked + 1, "removed",
                    "the chain ends at record " + checked + " but the trail wrote " + headSeq);
        }
        if (!previousHash.equals(headHash)) {
            return new AuditVerification(false, checked, checked, "altered",
                    "record " + checked + " is not the newest record the trail wrote");
        }
        return new AuditVerification(true, checked, null, null, "all " + checked + " records are intact");
    }

    private void fail(long seq, String problem, String detail) {
        failure = new AuditVerification(false, checked, seq, problem, detail);
    }
}
