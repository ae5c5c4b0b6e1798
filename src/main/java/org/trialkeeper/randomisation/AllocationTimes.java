package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When participants were randomised, and nothing else about their allocations: all that the
 * blinded parts of the service (assessment entry and its work list) may know of randomisation.
 */
@Singleton
public class AllocationTimes {

    /** One participant's randomisation time. */
    @Introspected
    record AllocationTime(Long participantId, Instant allocatedAt) {
    }

    private final AllocationRepository allocations;

    AllocationTimes(AllocationRepository allocations) {
        this.allocations = allocations;
    }

    /** The first and last randomisation of the trial, nulls before the first. */
    public record Span(@Nullable Instant first, @Nullable Instant last) {
    }

    @Transactional
    public Span span(long trialId) {
        return new Span(allocations.findMinAllocatedAtByTrialId(trialId), allocations.findMaxAllocatedAtByTrialId(trialId));
    }

    /** By participant id, for every randomised participant of the trial. */
    @Transactional
    public Map<Long, Instant> of(long trialId) {
        Map<Long, Instant> times = new HashMap<>();
        allocations.findTimes(trialId).forEach(t -> times.put(t.participantId(), t.allocatedAt()));
        return times;
    }
}
