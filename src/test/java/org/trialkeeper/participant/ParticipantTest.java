package org.trialkeeper.participant;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParticipantTest {

    private static final Instant SCREENED_AT = Instant.parse("2026-03-02T09:30:00Z");

    @Test
    void aScreenedPersonCountsPerProtocolWithTheirDataKeptUntilFollowUpDecides() {
        Screening.Outcome outcome = new Screening.Outcome(ParticipantStatus.ENROLLED, List.of(), Map.of("age", 40),
                Map.of("I1", true), Consent.GIVEN);

        Participant participant = Participant.screened(7, "P-001", "S1", outcome, "{\"age\":40}", "{\"I1\":true}",
                3L, SCREENED_AT);

        assertNull(participant.id());
        assertEquals(7L, participant.trialId());
        assertEquals("P-001", participant.code());
        assertEquals("S1", participant.site());
        assertEquals("{\"age\":40}", participant.baselineJson());
        assertEquals("{\"I1\":true}", participant.eligibilityJson());
        assertEquals(ParticipantStatus.ENROLLED, participant.status());
        assertEquals(Consent.GIVEN, participant.consent());
        assertEquals(3L, participant.screenedBy());
        assertEquals(SCREENED_AT, participant.screenedAt());
        assertEquals(SCREENED_AT, participant.updatedAt());
        assertEquals(new PerProtocol(false, null, false), participant.perProtocol());
        assertTrue(participant.keepData());
    }

    @Test
    void theCriteriaAPersonFailedAreStoredJoinedAndReadBackOneByOne() {
        Screening.Outcome outcome = new Screening.Outcome(ParticipantStatus.INELIGIBLE, List.of("I2", "E1"), Map.of(),
                Map.of(), Consent.DECLINED);

        Participant participant = Participant.screened(7, "P-002", "S1", outcome, "{}", "{}", 3L, SCREENED_AT);

        assertEquals("I2,E1", participant.failedCriteria());
        assertEquals(List.of("I2", "E1"), Participant.criteria(participant.failedCriteria()));
        assertEquals(List.of(), Participant.criteria(""));
    }
}
