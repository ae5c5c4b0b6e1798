package org.trialkeeper.randomisation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationSlotRepository extends GenericRepository<AllocationSlot, Long> {

    List<AllocationSlot> saveAll(Iterable<AllocationSlot> slots);

    /**
     * A stratum's next unused slots, at most {@code count} of them, in order. Positions are
     * handed out without gaps, so their maximum is their count, one probe of a unique index.
     */
    @Query("""
            SELECT s.arm AS arm, s.position AS position
            FROM allocation_slot s
            WHERE s.trial_id = :trialId AND s.stratum = :stratum
              AND s.position > (SELECT COALESCE(MAX(b.position), 0) FROM allocation b
                                WHERE b.trial_id = :trialId AND b.stratum = :stratum)
            ORDER BY s.position
            LIMIT :count""")
    List<NextSlot> findNext(Long trialId, String stratum, int count);

    List<AllocationSlot> findByTrialId(Long trialId, Sort sort);
}
