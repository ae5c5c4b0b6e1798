package org.trialkeeper.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Append-only: records are inserted and read, never updated or deleted by the service. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRepository extends GenericRepository<AuditRecord, Long> {

    List<AuditRecord> saveAll(Iterable<AuditRecord> records);

    List<AuditRecord> findTop500BySeqGreaterThanOrderBySeq(long afterSeq);

    List<AuditRecord> findTop100BySeqLessThanOrderBySeqDesc(long beforeSeq);

    List<AuditRecord> findTop500ByTrialIdAndSeqGreaterThanOrderBySeq(Long trialId, long afterSeq);
}
