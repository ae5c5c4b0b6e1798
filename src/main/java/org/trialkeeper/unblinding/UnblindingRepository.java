package org.trialkeeper.unblinding;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.MYSQL)
interface UnblindingRepository extends GenericRepository<Unblinding, Long> {

    Unblinding save(Unblinding unblinding);

    long countByTrialId(Long trialId);
}
