package org.trialkeeper.audit;

import java.time.Instant;

/**
 * The content of one audit record, everything its hash covers: its chain and place in it, and
 * what happened. Values before and after are JSON; {@code revealsAllocation} marks records that
 * must be redacted for anyone who may not see allocations.
 */
public record AuditEntry(String chain, long seq, Instant recordedAt, Long userId, String username, String role,
                         Long trialId, String action, String entity, String entityId, String before, String after,
                         String reason, boolean revealsAllocation) {
}
