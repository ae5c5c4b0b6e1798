package org.trialkeeper.participant;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.participant.ParticipantStatus.DECLINED;
import static org.trialkeeper.participant.ParticipantStatus.DID_NOT_RECEIVE;
import static org.trialkeeper.participant.ParticipantStatus.DISCONTINUED;
import static org.trialkeeper.participant.ParticipantStatus.ENROLLED;
import static org.trialkeeper.participant.ParticipantStatus.EXCLUDED_FROM_ANALYSIS;
import static org.trialkeeper.participant.ParticipantStatus.INELIGIBLE;
import static org.trialkeeper.participant.ParticipantStatus.LOST_TO_FOLLOW_UP;
import static org.trialkeeper.participant.ParticipantStatus.RANDOMISED;
import static org.trialkeeper.participant.ParticipantStatus.WITHDRAWN;

class ParticipantStatusTest {

    private static Set<ParticipantStatus> next(ParticipantStatus from) {
        Set<ParticipantStatus> next = EnumSet.noneOf(ParticipantStatus.class);
        for (ParticipantStatus to : ParticipantStatus.values()) {
            if (from.canMoveTo(to)) {
                next.add(to);
            }
        }
        return next;
    }

    @Test
    void everyStatusHasExactlyTheMovesOfTheParticipantsPath() {
        assertEquals(Set.of(), next(INELIGIBLE));
        assertEquals(Set.of(), next(DECLINED));
        assertEquals(Set.of(RANDOMISED), next(ENROLLED));
        assertEquals(EnumSet.of(DID_NOT_RECEIVE, DISCONTINUED, LOST_TO_FOLLOW_UP, WITHDRAWN, EXCLUDED_FROM_ANALYSIS),
                next(RANDOMISED));
        assertEquals(EnumSet.of(LOST_TO_FOLLOW_UP, WITHDRAWN, EXCLUDED_FROM_ANALYSIS), next(DID_NOT_RECEIVE));
        assertEquals(EnumSet.of(LOST_TO_FOLLOW_UP, WITHDRAWN, EXCLUDED_FROM_ANALYSIS), next(DISCONTINUED));
        assertEquals(EnumSet.of(WITHDRAWN, EXCLUDED_FROM_ANALYSIS), next(LOST_TO_FOLLOW_UP));
        assertEquals(Set.of(), next(WITHDRAWN));
        assertEquals(Set.of(), next(EXCLUDED_FROM_ANALYSIS));
    }

    @Test
    void noMoveLeadsBackToRandomisedOrBeforeIt() {
        for (ParticipantStatus from : ParticipantStatus.values()) {
            for (ParticipantStatus to : EnumSet.range(INELIGIBLE, RANDOMISED)) {
                assertFalse(from.randomised() && from.canMoveTo(to), from + " -> " + to);
            }
            assertFalse(from.canMoveTo(from), from + " -> itself");
        }
    }

    @Test
    void onlyAWithdrawnParticipantRefusesFurtherAssessments() {
        for (ParticipantStatus status : ParticipantStatus.values()) {
            assertEquals(status.randomised() && status != WITHDRAWN, status.acceptsAssessments(), status.name());
        }
        assertTrue(LOST_TO_FOLLOW_UP.acceptsAssessments(), "a participant lost to follow-up may still come back");
    }
}
