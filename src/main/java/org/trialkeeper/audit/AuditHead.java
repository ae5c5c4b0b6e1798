package org.trialkeeper.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The chain's end: the newest record's number and hash, and whether the hashes are MACs under the audit key. */
@MappedEntity("audit_head")
record AuditHead(@Id int id, long lastSeq, String lastHash, boolean keyed) {

    static final int ONLY = 1;

    AuditHead movedTo(long seq, String hash) {
        return new AuditHead(id, seq, hash, keyed);
    }
}
