package org.trialkeeper.audit;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.trialkeeper.database.GeneratedSecrets;


/**
 * The key the chain's MACs are made with: {@code TRIALKEEPER_AUDIT_KEY}, 32 bytes in base64,
 * required against an external database and on the embedded default generated once into the
 * data directory. It is never written to the database, so neither a database writer nor a
 * dump can recompute the chain.
 */
@Singleton
final class AuditKey {

    private final AuditChain chain;

    AuditKey(GeneratedSecrets secrets, @Value("${trialkeeper.audit-key:}") String configured) {
        this.chain = AuditChain.keyed(secrets.resolveKey(configured, "TRIALKEEPER_AUDIT_KEY", "audit-key"));
    }

    /** The chain a head with this keying is written and checked with. */
    AuditChain chainFor(AuditHead head) {
        return head.keyed() ? chain : AuditChain.unkeyed();
    }

    AuditChain keyed() {
        return chain;
    }
}
