package org.trialkeeper.randomisation;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The outcome of regenerating the sequence from the revealed seed and checking it against everything stored. */
@Serdeable
record SequenceVerification(boolean verified, boolean commitmentMatches, boolean storedListsMatch,
                            int allocationsChecked, List<String> differences) {
}
