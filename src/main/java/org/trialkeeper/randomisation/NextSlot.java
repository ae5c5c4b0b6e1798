package org.trialkeeper.randomisation;

import io.micronaut.core.annotation.Introspected;

/** One of a stratum's unused slots. */
@Introspected
record NextSlot(String arm, int position) {
}
