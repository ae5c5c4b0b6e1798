package org.trialkeeper.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Collection;
import java.util.List;

/** Append-only: records are inserted and read, never updated or deleted by the service. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRepository extends GenericRepository<AuditRecord, Long>, JpaSpecificationExecutor<AuditRecord> {

    List<AuditRecord> findTop500ByIdGreaterThanOrderById(long afterId);

    List<AuditRecord> findTop100ByIdLessThanOrderByIdDesc(long beforeId);

    List<AuditRecord> findTop500ByTrialIdAndIdGreaterThanOrderById(Long trialId, long afterId);

    List<AuditRecord> findTop500ByChainAndSeqGreaterThanOrderBySeq(String chain, long afterSeq);

    List<AuditRecord> findByChainAndSeqIn(String chain, Collection<Long> seqs);

    /** Every chain that holds records, with a head row or not. */
    @Query("SELECT DISTINCT chain FROM audit_record")
    List<String> findChains();
}
