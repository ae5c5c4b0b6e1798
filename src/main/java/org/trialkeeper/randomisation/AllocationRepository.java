package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationRepository extends CrudRepository<Allocation, Long> {

    Optional<Allocation> findByParticipantId(Long participantId);

    Optional<Allocation> findByTrialIdAndNumber(Long trialId, int number);

    List<Allocation> findByTrialIdOrderByNumber(Long trialId);

    /** A page of the allocations to some arms, read along the index of allocation numbers. */
    List<Allocation> findByTrialIdAndArmInAndNumberGreaterThan(Long trialId, Collection<String> arm, Integer number,
                                                               Pageable pageable);

    /** Trials that hold what was written before allocations were sealed: allocations without MACs, lists in clear. */
    @Query("SELECT trial_id FROM allocation WHERE mac IS NULL UNION SELECT trial_id FROM allocation_slot")
    List<Long> findTrialsHeldInClear();

    @Nullable
    Instant findMinAllocatedAtByTrialId(Long trialId);

    @Nullable
    Instant findMaxAllocatedAtByTrialId(Long trialId);

    @Query("SELECT participant_id, allocated_at FROM allocation WHERE trial_id = :trialId")
    List<AllocationTimes.AllocationTime> findTimes(Long trialId);

    /** Numbers are handed out without gaps, so the highest is the count. */
    @Query("SELECT COALESCE(MAX(number), 0) FROM allocation WHERE trial_id = :trialId")
    int lastNumber(Long trialId);
}
