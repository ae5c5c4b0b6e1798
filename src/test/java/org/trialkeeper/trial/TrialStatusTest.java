package org.trialkeeper.trial;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialStatusTest {

    @Test
    void aTrialMovesOneStepForwardsOnly() {
        for (TrialStatus from : TrialStatus.values()) {
            for (TrialStatus to : TrialStatus.values()) {
                assertEquals(to.ordinal() == from.ordinal() + 1, from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void onlyADraftProtocolIsOpen() {
        assertFalse(TrialStatus.DRAFT.protocolFrozen());
        assertTrue(TrialStatus.RECRUITING.protocolFrozen());
        assertTrue(TrialStatus.LOCKED.protocolFrozen());
    }
}
