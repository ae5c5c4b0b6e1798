package org.trialkeeper.audit;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the legacy chain at start-up, before the service takes requests, so that no audited
 * write ever needs the legacy chain's head: it is locked here once, and never on the write path.
 * Several instances starting together take turns on its row; the second finds it sealed.
 */
@Singleton
final class LegacyChainSealing implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyChainSealing.class);

    private final AuditTrail trail;
    private final TransactionOperations<?> transactions;

    LegacyChainSealing(AuditTrail trail, TransactionOperations<?> transactions) {
        this.trail = trail;
        this.transactions = transactions;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            transactions.executeWrite(status -> {
                trail.sealLegacyChain();
                return null;
            });
        } catch (RuntimeException e) {
            // the chain stays as it is, verified unkeyed, and is sealed at a later start
            LOG.error("The legacy audit chain could not be sealed under the audit key at start-up", e);
        }
    }
}
