package org.trialkeeper.trial;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Append-only: versions are saved and read, never updated or deleted. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ProtocolVersionRepository extends GenericRepository<ProtocolVersion, Long> {

    ProtocolVersion save(ProtocolVersion version);

    Optional<ProtocolVersion> findByTrialIdAndVersion(Long trialId, int version);

    List<ProtocolVersion> findByTrialIdOrderByVersion(Long trialId);
}
