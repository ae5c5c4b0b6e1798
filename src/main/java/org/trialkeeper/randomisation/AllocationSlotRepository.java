package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The lists trials stored in clear when they opened recruitment before lists were derived from the sealed seed. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationSlotRepository extends GenericRepository<AllocationSlot, Long> {

    List<AllocationSlot> findByTrialId(Long trialId, Sort sort);

    /** A trial's stored lists, stratum by stratum, in order. */
    default List<AllocationSlot> storedLists(Long trialId) {
        return findByTrialId(trialId, Sort.of(Sort.Order.asc("stratum"), Sort.Order.asc("position")));
    }
}
