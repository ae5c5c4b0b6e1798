package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface RandomisationSetupRepository extends CrudRepository<RandomisationSetup, Long> {

    /** The trial-wide lock every allocation takes: allocation numbers and slots are handed out one at a time. */
    Optional<RandomisationSetup> findByIdForUpdate(Long trialId);
}
