package org.trialkeeper.randomisation;

import io.micronaut.serde.annotation.Serdeable;

/** One place in a stratum's allocation list: its position (from 1), arm, and the block it belongs to. */
@Serdeable
public record Slot(int position, String arm, int block, int blockSize) {
}
