package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * A stored record: its number in the whole trail ({@code id}, given by the database, for ordering
 * and paging only; on a cluster the numbers have gaps), then its content and the hashes that
 * chain it to the record before it in its own chain.
 */
@MappedEntity("audit_record")
record AuditRecord(@Id @GeneratedValue @Nullable Long id, String chain, long seq, Instant recordedAt,
                   @Nullable Long userId, @Nullable String username, @Nullable String role, @Nullable Long trialId,
                   String action, String entity, @Nullable String entityId,
                   @Nullable @MappedProperty("before_value") String before,
                   @Nullable @MappedProperty("after_value") String after, @Nullable String reason,
                   boolean revealsAllocation, String previousHash, String hash) {

    static AuditRecord of(AuditEntry entry, String previousHash, String hash) {
        return new AuditRecord(null, entry.chain(), entry.seq(), entry.recordedAt(), entry.userId(), entry.username(),
                entry.role(), entry.trialId(), entry.action(), entry.entity(), entry.entityId(), entry.before(),
                entry.after(), entry.reason(), entry.revealsAllocation(), previousHash, hash);
    }

    AuditEntry entry() {
        return new AuditEntry(chain, seq, recordedAt, userId, username, role, trialId, action, entity, entityId,
                before, after, reason, revealsAllocation);
    }
}
