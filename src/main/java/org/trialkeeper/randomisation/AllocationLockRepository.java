package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationLockRepository extends GenericRepository<AllocationLock, Long> {

    AllocationLock save(AllocationLock lock);

    /** Holds the trial's allocation lock until the transaction ends. */
    Optional<AllocationLock> findByTrialIdForUpdate(Long trialId);

    /**
     * Holds the trial's allocation lock until the transaction ends, and reads the trial's status
     * and last allocation number once it is held, so that both are what the previous holder
     * committed. Empty for a trial whose recruitment never opened.
     */
    @Query("SELECT l.trial_id, (SELECT t.status FROM trial t WHERE t.id = l.trial_id) AS status,"
            + " (SELECT COALESCE(MAX(a.number), 0) FROM allocation a WHERE a.trial_id = l.trial_id) AS last_number"
            + " FROM allocation_lock l WHERE l.trial_id = :trialId FOR UPDATE")
    Optional<AllocationLock.Held> holdByTrialId(Long trialId);
}
