package org.trialkeeper.randomisation.receipt;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Receipts are inserted and read, never changed. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationReceiptRepository extends GenericRepository<AllocationReceipt, Long> {

    Optional<AllocationReceipt> findByAllocationId(Long allocationId);

    Optional<AllocationReceipt> findByTrialIdAndNumber(Long trialId, int number);

    List<AllocationReceipt> findByTrialIdOrderByNumber(Long trialId);
}
