package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AllocationRepository extends CrudRepository<Allocation, Long> {

    Optional<Allocation> findByTrialIdAndIdempotencyKey(Long trialId, String idempotencyKey);

    Optional<Allocation> findByParticipantId(Long participantId);

    List<Allocation> findByTrialIdOrderByNumber(Long trialId);
}
