package org.trialkeeper.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AssessmentRepository extends CrudRepository<Assessment, Long> {

    boolean existsByParticipantIdAndInstrumentAndTimepoint(Long participantId, String instrument, String timepoint);

    Optional<Assessment> findByIdAndParticipantIdAndTrialId(Long id, Long participantId, Long trialId);

    List<Assessment> findByTrialIdAndParticipantIdOrderById(Long trialId, Long participantId);

    List<Assessment> findByTrialIdOrderById(Long trialId);

    @Nullable
    Instant findMaxEnteredAtByTrialIdAndTimepointNotEqual(Long trialId, String timepoint);
}
