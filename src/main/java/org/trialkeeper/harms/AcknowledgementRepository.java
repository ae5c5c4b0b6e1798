package org.trialkeeper.harms;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AcknowledgementRepository extends CrudRepository<Acknowledgement, Long> {

    List<Acknowledgement> findByAdverseEventIdInOrderById(Collection<Long> adverseEventId);

    boolean existsByAdverseEventIdAndRevisionAndUserId(Long adverseEventId, int revision, Long userId);
}
