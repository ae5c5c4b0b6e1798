package org.trialkeeper.randomisation.scheme;


/** One place in a stratum's allocation list: its position (from 1), arm, and the block it belongs to. */
public record Slot(int position, String arm, int block, int blockSize) {
}
