package org.trialkeeper.trial;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TrialTest {

    @Test
    void aRegisteredTrialIsADraftOnItsFirstProtocolVersion() {
        Instant at = Instant.parse("2026-01-10T10:00:00Z");

        Trial trial = Trial.registered("balint-nurses", "Balint groups for nurses", "IRCT1", at);

        assertNull(trial.id());
        assertEquals("balint-nurses", trial.shortName());
        assertEquals("Balint groups for nurses", trial.title());
        assertEquals("IRCT1", trial.registryId());
        assertEquals(TrialStatus.DRAFT, trial.status());
        assertEquals(1, trial.protocolVersion());
        assertEquals(at, trial.createdAt());
        assertEquals(at, trial.updatedAt());
    }
}
