package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationSlotRepository extends GenericRepository<AllocationSlot, Long> {

    List<AllocationSlot> saveAll(Iterable<AllocationSlot> slots);

    Optional<AllocationSlot> findByTrialIdAndStratumAndPosition(Long trialId, String stratum, int position);

    List<AllocationSlot> findByTrialId(Long trialId, Sort sort);
}
