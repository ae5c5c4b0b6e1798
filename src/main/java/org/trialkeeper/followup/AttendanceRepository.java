package org.trialkeeper.followup;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AttendanceRepository extends CrudRepository<Attendance, Long> {

    Optional<Attendance> findByParticipantIdAndSession(Long participantId, int session);

    List<Attendance> findByParticipantIdOrderBySession(Long participantId);

    List<Attendance> findByParticipantIdInAndSession(Collection<Long> participantId, int session);

    @Query("SELECT participant_id, SUM(present) AS attended FROM attendance WHERE trial_id = :trialId GROUP BY participant_id")
    List<Attended> findAttended(Long trialId);

    @io.micronaut.core.annotation.Introspected
    record Attended(Long participantId, int attended) {
    }
}
