package org.trialkeeper.audit;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A point of the chain, published outside the database (in reports and sequence exports): the
 * number of records and the newest record's MAC. A chain that still holds that record with
 * that MAC extends the anchor; one rewritten or cut back since does not, whoever holds the key.
 */
@Serdeable
public record AuditAnchor(long seq, String hash) {

    static final AuditAnchor EMPTY = new AuditAnchor(0, AuditChain.GENESIS);
}
