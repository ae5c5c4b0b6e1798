package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What other features read of allocations, for readers who may see arms: the coordinator's
 * follow-up, emergency unblinding, and reports once the database is locked. Blinded entry
 * reads only {@link AllocationTimes}.
 */
@Singleton
public class Allocations {

    private final AllocationRepository allocations;
    private final JdbcOperations jdbc;

    Allocations(AllocationRepository allocations, JdbcOperations jdbc) {
        this.allocations = allocations;
        this.jdbc = jdbc;
    }

    /** Every randomised participant's arm code, by participant id, in the order of allocation numbers. */
    @Transactional
    public Map<Long, String> arms(long trialId) {
        // a large trial has a hundred thousand of them: read straight from the result set
        return jdbc.prepareStatement("SELECT participant_id, arm FROM allocation WHERE trial_id = ? ORDER BY number",
                statement -> {
                    statement.setLong(1, trialId);
                    Map<Long, String> arms = new LinkedHashMap<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            arms.put(rows.getLong(1), rows.getString(2));
                        }
                    }
                    return arms;
                });
    }

    /** One randomised participant's arm code. */
    @Transactional
    public String armOf(long participantId) {
        return allocated(participantId).arm();
    }

    /** Every randomised participant's allocation number, by participant id. */
    @Transactional
    public Map<Long, Integer> numbers(long trialId) {
        Map<Long, Integer> numbers = new LinkedHashMap<>();
        allocations.findByTrialIdOrderByNumber(trialId).forEach(a -> numbers.put(a.participantId(), a.number()));
        return numbers;
    }

    /** One randomised participant's allocation as shown to those who may see it, under the protocol's arm labels. */
    @Transactional
    public AllocationView of(Protocol protocol, long participantId, String participantCode) {
        return AllocationView.of(protocol, allocated(participantId), participantCode);
    }

    Allocation allocated(long participantId) {
        return allocations.findByParticipantId(participantId).orElseThrow(() -> new ProblemException(
                ProblemCode.NOT_RANDOMISED, "This participant has not been randomised"));
    }
}
