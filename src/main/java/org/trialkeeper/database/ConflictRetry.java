package org.trialkeeper.database;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * Every transaction the service begins is run again, whole, when it loses a write conflict (see
 * {@link WriteConflicts}): it wraps each {@code @Transactional} method that begins a
 * transaction, outside the transaction itself, so that a run after a conflict starts afresh and
 * reads what the winner committed. A method that joins a transaction already running is left to
 * the one that began it. On a Galera cluster conflicts between nodes are reported only at commit
 * and are part of normal work; on one server they are deadlocks, which InnoDB resolves the same way.
 */
@Singleton
@InterceptorBean(Transactional.class)
final class ConflictRetry implements MethodInterceptor<Object, Object> {

    private final TransactionOperations<Connection> transactions;
    private final WriteConflicts conflicts;

    ConflictRetry(TransactionOperations<Connection> transactions, WriteConflicts conflicts) {
        this.transactions = transactions;
        this.conflicts = conflicts;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.RETRY.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (transactions.findTransactionStatus().isPresent()) {
            return context.proceed();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt == 1 ? context.proceed() : context.proceed(this);
            } catch (RuntimeException e) {
                if (!conflicts.shouldRetry(e, attempt)) {
                    throw e;
                }
            }
        }
    }
}
