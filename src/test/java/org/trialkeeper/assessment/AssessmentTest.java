package org.trialkeeper.assessment;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AssessmentTest {

    private static final Instant ENTERED_AT = Instant.parse("2026-04-01T08:00:00Z");
    private static final Instant CORRECTED_AT = Instant.parse("2026-04-03T15:45:00Z");
    private static final Assessment.Answers FIRST = new Assessment.Answers("[1,2,null]", 4.5, "{\"total\":{}}", "control");
    private static final Assessment.Answers SECOND = new Assessment.Answers("[3,3,3]", 9.0, "{\"total\":{}}", null);

    @Test
    void anEnteredAssessmentIsTheFirstVersionAndNotCorrected() {
        Assessment entered = Assessment.entered(5, 11, "QWL", "post", FIRST, 2L, ENTERED_AT);

        assertNull(entered.id());
        assertEquals(5L, entered.trialId());
        assertEquals(11L, entered.participantId());
        assertEquals("QWL", entered.instrument());
        assertEquals("post", entered.timepoint());
        assertEquals(FIRST, answers(entered));
        assertEquals(2L, entered.enteredBy());
        assertEquals(ENTERED_AT, entered.enteredAt());
        assertNull(entered.correctedAt());
        assertEquals(1, entered.version());
    }

    @Test
    void aCorrectionReplacesTheAnswersAndCountsAVersionButKeepsWhoEnteredItAndWhen() {
        Assessment stored = new Assessment(40L, 5L, 11L, "QWL", "post", FIRST.responsesJson(), FIRST.total(),
                FIRST.scoresJson(), FIRST.guess(), 2L, ENTERED_AT, null, 1);

        Assessment corrected = stored.corrected(SECOND, CORRECTED_AT).corrected(FIRST, CORRECTED_AT.plusSeconds(60));

        assertEquals(40L, corrected.id());
        assertEquals("QWL", corrected.instrument());
        assertEquals("post", corrected.timepoint());
        assertEquals(FIRST, answers(corrected));
        assertEquals(2L, corrected.enteredBy());
        assertEquals(ENTERED_AT, corrected.enteredAt());
        assertEquals(CORRECTED_AT.plusSeconds(60), corrected.correctedAt());
        assertEquals(3, corrected.version());
        assertEquals(SECOND, answers(stored.corrected(SECOND, CORRECTED_AT)));
    }

    private static Assessment.Answers answers(Assessment assessment) {
        return new Assessment.Answers(assessment.responsesJson(), assessment.total(), assessment.scoresJson(),
                assessment.guess());
    }
}
