package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Introspected;
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

    /** By participant id, for every randomised participant of the trial. */
    @Transactional
    public Map<Long, Instant> of(long trialId) {
        Map<Long, Instant> times = new HashMap<>();
        allocations.findTimes(trialId).forEach(t -> times.put(t.participantId(), t.allocatedAt()));
        return times;
    }
}
