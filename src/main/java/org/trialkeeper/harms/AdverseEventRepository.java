package org.trialkeeper.harms;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AdverseEventRepository extends CrudRepository<AdverseEvent, Long> {

    List<AdverseEvent> findByTrialIdAndParticipantIdOrderById(Long trialId, Long participantId);

    List<AdverseEvent> findByTrialIdOrderById(Long trialId);

    List<AdverseEvent> findByTrialIdAndSeriousOrderById(Long trialId, boolean serious);

    Optional<AdverseEvent> findByIdAndTrialIdAndParticipantIdForUpdate(Long id, Long trialId, Long participantId);

    Optional<AdverseEvent> findByIdAndTrialIdForUpdate(Long id, Long trialId);
}
