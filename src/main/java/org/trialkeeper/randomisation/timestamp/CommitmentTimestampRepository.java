package org.trialkeeper.randomisation.timestamp;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface CommitmentTimestampRepository extends CrudRepository<CommitmentTimestamp, Long> {

    /**
     * Takes the next attempt of a pending stamp that is due, by moving its time on to
     * {@code until}: of several instances, the one whose update changed the row asks the authority.
     * An instance that stops in the middle leaves the stamp due again at {@code until}.
     */
    @Query("UPDATE commitment_timestamp SET next_attempt_at = :until"
            + " WHERE trial_id = :trialId AND state = 'PENDING' AND next_attempt_at <= :now")
    int claim(long trialId, Instant now, Instant until);

    @Query("SELECT trial_id FROM commitment_timestamp WHERE state = 'PENDING' AND next_attempt_at <= :now"
            + " ORDER BY next_attempt_at LIMIT 20")
    List<Long> due(Instant now);
}
