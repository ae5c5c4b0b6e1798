package org.trialkeeper.audit;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest point of each chain this instance has seen committed. Records are never removed,
 * so a chain that no longer reaches it was cut back, even if its head row was moved back to
 * match (or removed with all of the chain) and every MAC that is left is right.
 */
@Singleton
final class AuditWitness {

    private final Map<String, AuditAnchor> latest = new ConcurrentHashMap<>();

    void saw(AuditAnchor anchor) {
        latest.merge(anchor.chain(), anchor, (known, seen) -> seen.seq() > known.seq() ? seen : known);
    }

    /** A copy: the chains seen, each with its newest point. */
    Map<String, AuditAnchor> latest() {
        return Map.copyOf(latest);
    }
}
