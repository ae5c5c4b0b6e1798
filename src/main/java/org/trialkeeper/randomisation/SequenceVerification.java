package org.trialkeeper.randomisation;

import io.micronaut.serde.annotation.Serdeable;

import org.trialkeeper.randomisation.timestamp.TimestampCheck;

import java.util.List;

/**
 * The outcome of regenerating the sequence from the revealed seed and checking it against the
 * commitment and everything stored: whether every allocation still matches its MAC, and each
 * difference found, those of the commitment's time-stamp token and of the allocations' receipts
 * among them.
 */
@Serdeable
record SequenceVerification(boolean verified, String stream, boolean commitmentMatches, boolean allocationsIntact,
                            int allocationsChecked, int receiptsChecked, List<String> differences,
                            TimestampCheck timestamp) {
}
