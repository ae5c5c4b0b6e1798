package org.trialkeeper.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditHeadRepository extends GenericRepository<AuditHead, Integer> {

    Optional<AuditHead> findById(int id);

    /** Locks the head until the transaction ends: one appender at a time, across instances. */
    Optional<AuditHead> findByIdForUpdate(int id);

    AuditHead update(AuditHead head);
}
