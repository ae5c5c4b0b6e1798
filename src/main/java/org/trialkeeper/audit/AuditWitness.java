package org.trialkeeper.audit;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest point of the chain this instance has seen committed. Records are never removed,
 * so a chain that no longer reaches it was cut back, even if the head row was moved back to
 * match and every MAC that is left is right.
 */
@Singleton
final class AuditWitness {

    private final AtomicReference<AuditAnchor> latest = new AtomicReference<>(AuditAnchor.EMPTY);

    void saw(AuditAnchor anchor) {
        latest.accumulateAndGet(anchor, (known, seen) -> seen.seq() > known.seq() ? seen : known);
    }

    AuditAnchor latest() {
        return latest.get();
    }
}
