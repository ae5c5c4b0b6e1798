package org.trialkeeper.followup;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface FollowUpEventRepository extends CrudRepository<FollowUpEvent, Long> {

    List<FollowUpEvent> findByTrialIdAndParticipantIdOrderById(Long trialId, Long participantId);

    List<FollowUpEvent> findByTrialIdOrderById(Long trialId);
}
