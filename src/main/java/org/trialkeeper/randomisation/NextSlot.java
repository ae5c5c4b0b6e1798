package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Introspected;

/** A stratum's next slot, and the trial's allocations so far (the new allocation's number less one). */
@Introspected
record NextSlot(String arm, int position, long allocated) {
}
