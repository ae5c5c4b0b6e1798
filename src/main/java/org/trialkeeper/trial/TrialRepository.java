package org.trialkeeper.trial;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TrialRepository extends CrudRepository<Trial, Long> {

    /** Locks the trial's row until the transaction ends, so status changes and amendments serialise. */
    Optional<Trial> findByIdForUpdate(Long id);

    boolean existsByShortName(String shortName);

    List<Trial> listOrderById();

    List<Trial> findByIdInListOrderById(Collection<Long> ids);
}
