package org.trialkeeper.report;

import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.EventKind;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.participant.ParticipantStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalysisTermsTest {

    @Test
    void everyParticipantStatusKeepsItsNameInTheReportAndItsExport() {
        for (ParticipantStatus status : ParticipantStatus.values()) {
            assertEquals(status.name(), AnalysisTerms.status(status).name());
        }
    }

    @Test
    void everyEventKindThatMovesAParticipantIsTheKindThatReachesTheSameStatus() {
        for (org.trialkeeper.followup.EventKind kind : org.trialkeeper.followup.EventKind.values()) {
            EventKind counted = AnalysisTerms.eventKind(kind);
            kind.moves().ifPresentOrElse(
                    status -> assertEquals(counted, AnalysisTerms.status(status).reachedBy().orElseThrow(), kind.name()),
                    () -> assertEquals(EventKind.DELAYED_INTERVENTION, counted, kind.name()));
        }
    }

    @Test
    void aGuessIsReadByTheCodeAssessmentWritesIt() {
        for (org.trialkeeper.assessment.Guess guess : org.trialkeeper.assessment.Guess.values()) {
            assertEquals(guess.name(), AnalysisTerms.guess(guess.code()).name());
        }
        assertNull(AnalysisTerms.guess(null));
        assertThrows(IllegalStateException.class, () -> AnalysisTerms.guess("maybe"));
    }

    @Test
    void screeningEndsIneligibleDeclinedOrEnrolled() {
        assertEquals(Status.INELIGIBLE, Status.INELIGIBLE.screening());
        assertEquals(Status.DECLINED, Status.DECLINED.screening());
        for (Status status : Status.values()) {
            if (status != Status.INELIGIBLE && status != Status.DECLINED) {
                assertEquals(Status.ENROLLED, status.screening(), status.name());
            }
        }
    }
}
