package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationSlotRepository extends GenericRepository<AllocationSlot, Long> {

    List<AllocationSlot> saveAll(Iterable<AllocationSlot> slots);

    /**
     * The stratum's next unused slot and how many allocations the trial has so far, in one
     * statement: it runs inside the allocation lock, where every round trip counts. Numbers and
     * positions are handed out without gaps, so their maximum is their count, and each maximum
     * is one probe of a unique index rather than a scan.
     */
    @Query("""
            SELECT s.arm AS arm, s.position AS position,
                   (SELECT COALESCE(MAX(a.number), 0) FROM allocation a WHERE a.trial_id = :trialId) AS allocated
            FROM allocation_slot s
            WHERE s.trial_id = :trialId AND s.stratum = :stratum
              AND s.position = (SELECT COALESCE(MAX(b.position), 0) + 1 FROM allocation b
                                WHERE b.trial_id = :trialId AND b.stratum = :stratum)""")
    Optional<NextSlot> findNext(Long trialId, String stratum);

    List<AllocationSlot> findByTrialId(Long trialId, Sort sort);
}
