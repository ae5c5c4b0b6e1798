package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationLockRepository extends GenericRepository<AllocationLock, Long> {

    AllocationLock save(AllocationLock lock);

    /** Holds the trial's allocation lock until the transaction ends. */
    Optional<AllocationLock> findByTrialIdForUpdate(Long trialId);
}
