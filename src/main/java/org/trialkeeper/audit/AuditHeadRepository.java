package org.trialkeeper.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditHeadRepository extends GenericRepository<AuditHead, String> {

    Optional<AuditHead> findById(String chain);

    List<AuditHead> findAll();

    /** Locks one chain's head until the transaction ends: one appender at a time to that chain, across instances. */
    Optional<AuditHead> findByIdForUpdate(String chain);

    /**
     * A chain's first head; a no-op when it has one. Taken only when the plain lock found none, so
     * the usual path locks one existing row and nothing else.
     */
    @Query("INSERT IGNORE INTO audit_head (chain, last_seq, last_hash, keyed) VALUES (:chain, 0, :genesis, TRUE)")
    void createIfAbsent(String chain, String genesis);

    AuditHead update(AuditHead head);
}
