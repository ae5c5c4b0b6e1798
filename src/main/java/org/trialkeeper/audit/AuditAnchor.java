package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A point of one chain, published outside the database (in reports and sequence exports): the
 * chain's name, its number of records and its newest record's MAC. A chain that still holds
 * that record with that MAC extends the anchor; one rewritten or cut back since does not,
 * whoever holds the key. Anchors published before the trail had one chain per trial name no
 * chain (null): they are points of the legacy chain.
 */
@Serdeable
public record AuditAnchor(@Nullable String chain, long seq, String hash) {

    /** The start of a chain, before its first record. */
    static AuditAnchor start(String chain) {
        return new AuditAnchor(chain, 0, AuditChain.GENESIS);
    }
}
