package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;

/** The MAC of an allocation row a benchmark writes straight into the database, under the running service's key. */
public final class BenchmarkAllocations {

    private final AllocationMac mac;

    public BenchmarkAllocations(ApplicationContext context) {
        this.mac = context.getBean(AllocationMac.class);
    }

    public String mac(long trialId, long participantId, int number, String stratum, int position, String factorLevels,
                      String arm, String idempotencyKey) {
        return mac.of(new Allocation(null, trialId, participantId, number, stratum, position, factorLevels, arm,
                idempotencyKey, null, null, null, null, null));
    }
}
