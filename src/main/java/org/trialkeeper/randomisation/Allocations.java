package org.trialkeeper.randomisation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What other features read of allocations, for readers who may see arms: the coordinator's
 * follow-up, emergency unblinding, and reports once the database is locked. Blinded entry
 * reads only {@link AllocationTimes}. Every read checks each allocation against its MAC and
 * refuses, naming numbers only, when one was changed in the database.
 */
@Singleton
public class Allocations {

    private final AllocationRepository allocations;
    private final AllocationMac mac;
    private final JdbcOperations jdbc;

    Allocations(AllocationRepository allocations, AllocationMac mac, JdbcOperations jdbc) {
        this.allocations = allocations;
        this.mac = mac;
        this.jdbc = jdbc;
    }

    /** Every randomised participant's arm code, by participant id, in the order of allocation numbers. */
    @Transactional
    public Map<Long, String> arms(long trialId) {
        Map<Long, String> arms = new LinkedHashMap<>();
        arms(trialId, arms::put);
        return arms;
    }

    /**
     * Every randomised participant's id and arm code, in the order of allocation numbers, passed
     * on as the rows arrive so that a large trial's are never all held at once; if any allocation
     * does not match its MAC the read fails once all are read. {@code each} must not use the database.
     */
    @Transactional
    public void arms(long trialId, BiConsumer<Long, String> each) {
        inOrder(trialId, allocated -> each.accept(allocated.participantId(), allocated.arm()));
    }

    /** One allocation as the convergence guess reads it: who, from which list (the stratum), to which arm. */
    public record Ordered(long participantId, String stratum, String arm) {
    }

    /** As {@link #arms(long, BiConsumer)}, with each allocation's stratum. */
    @Transactional
    public void inOrder(long trialId, Consumer<Ordered> each) {
        jdbc.prepareStatement("SELECT participant_id, number, stratum, position, factor_levels, arm,"
                        + " idempotency_key, mac FROM allocation WHERE trial_id = ? ORDER BY number",
                statement -> {
                    statement.setLong(1, trialId);
                    // Connector/J's sign to stream the rows instead of reading them all first
                    statement.setFetchSize(Integer.MIN_VALUE);
                    Map<String, String> codes = new HashMap<>();
                    List<Integer> altered = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            Allocation allocation = Allocation.macCovered(trialId, rows.getLong(1), rows.getInt(2),
                                    rows.getString(3), rows.getInt(4), rows.getString(5), rows.getString(6),
                                    rows.getString(7), rows.getString(8));
                            if (mac.matches(allocation)) {
                                // one text per arm and stratum, not one per participant
                                each.accept(new Ordered(allocation.participantId(),
                                        codes.computeIfAbsent(allocation.stratum(), stratum -> stratum),
                                        codes.computeIfAbsent(allocation.arm(), arm -> arm)));
                            } else {
                                altered.add(allocation.number());
                            }
                        }
                    }
                    if (!altered.isEmpty()) {
                        throw AllocationMac.altered(trialId, altered);
                    }
                    return null;
                });
    }

    /**
     * Up to {@code limit} participants allocated to one of {@code arms}, with allocation numbers
     * after {@code afterNumber}, in the order of allocation: participant id by allocation number.
     */
    @Transactional
    public Map<Integer, Long> allocatedTo(long trialId, Collection<String> arms, int afterNumber, int limit) {
        Map<Integer, Long> found = new LinkedHashMap<>();
        mac.checked(allocations.findByTrialIdAndArmInAndNumberGreaterThan(trialId, arms, afterNumber,
                        Pageable.from(0, limit, Sort.of(Sort.Order.asc("number")))))
                .forEach(a -> found.put(a.number(), a.participantId()));
        return found;
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
        mac.checked(allocations.findByTrialIdOrderByNumber(trialId))
                .forEach(a -> numbers.put(a.participantId(), a.number()));
        return numbers;
    }

    /** One randomised participant's allocation as shown to those who may see it, under the protocol's arm labels. */
    @Transactional
    public AllocationView of(Protocol protocol, long participantId, String participantCode) {
        return AllocationView.of(protocol, allocated(participantId), participantCode);
    }

    /** The participant's allocation, once it is found to match its MAC. */
    Allocation allocated(long participantId) {
        return mac.checked(allocations.findByParticipantId(participantId).orElseThrow(() -> new ProblemException(
                ProblemCode.NOT_RANDOMISED, "This participant has not been randomised")));
    }
}
