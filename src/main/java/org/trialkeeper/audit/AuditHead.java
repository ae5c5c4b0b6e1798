package org.trialkeeper.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A chain's end: its newest record's number and hash, and whether its hashes are MACs under the
 * audit key (every chain's are but a legacy chain written before the key and never sealed).
 */
@MappedEntity("audit_head")
record AuditHead(@Id String chain, long lastSeq, String lastHash, boolean keyed) {

    /** The head of a chain that has no row: no records, keyed. */
    static AuditHead empty(String chain) {
        return new AuditHead(chain, 0, AuditChain.GENESIS, true);
    }

    AuditHead movedTo(long seq, String hash) {
        return new AuditHead(chain, seq, hash, keyed);
    }

    AuditAnchor anchor() {
        return new AuditAnchor(chain, lastSeq, lastHash);
    }
}
