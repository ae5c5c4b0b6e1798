package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ParticipantRepository extends CrudRepository<Participant, Long>, JpaSpecificationExecutor<Participant> {

    /** Locks the participant: one randomisation at a time for each person. */
    Optional<Participant> findByIdAndTrialIdForUpdate(Long id, Long trialId);

    Optional<Participant> findByIdAndTrialId(Long id, Long trialId);

    List<Participant> findByTrialIdAndIdIn(Long trialId, Collection<Long> id);

    @Query("UPDATE participant SET status = :status, keep_data = :keepData, updated_at = :updatedAt WHERE id = :id")
    void updateFollowUp(Long id, ParticipantStatus status, boolean keepData, Instant updatedAt);

    @Query("UPDATE participant SET per_protocol_excluded = :excluded, per_protocol_reason = :reason,"
            + " per_protocol_overridden = :overridden, updated_at = :updatedAt WHERE id = :id")
    void updatePerProtocol(Long id, boolean excluded, @Nullable String reason, boolean overridden, Instant updatedAt);

    boolean existsByTrialIdAndCode(Long trialId, String code);

    List<Participant> findByTrialIdOrderById(Long trialId);

    /** Up to {@code pageable}'s size of the trial's participants screened after {@code id}, in the order screened. */
    List<Participant> findByTrialIdAndIdGreaterThan(Long trialId, Long id, Pageable pageable);
}
