package org.trialkeeper.followup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FollowUpEventTest {

    private static final Instant RECORDED_AT = Instant.parse("2026-06-10T12:00:00Z");

    @Test
    void aRecordedEventKeepsWhatTheCheckedRequestSaid() {
        EventCheck.Checked withdrawal = new EventCheck.Checked(EventKind.WITHDREW_CONSENT, LocalDate.of(2026, 6, 9),
                "moved abroad", "post", false);

        FollowUpEvent event = FollowUpEvent.recorded(3, 21, withdrawal, 8L, RECORDED_AT);

        assertNull(event.id());
        assertEquals(3L, event.trialId());
        assertEquals(21L, event.participantId());
        assertEquals(EventKind.WITHDREW_CONSENT, event.kind());
        assertEquals(LocalDate.of(2026, 6, 9), event.occurredOn());
        assertEquals("moved abroad", event.reason());
        assertEquals("post", event.timepoint());
        assertEquals(false, event.keepData());
        assertEquals(8L, event.recordedBy());
        assertEquals(RECORDED_AT, event.recordedAt());
        assertFalse(withdrawal.keepsData());
    }

    @Test
    void onlyAWithdrawalSaysWhetherTheDataMayBeKept() {
        EventCheck.Checked loss = new EventCheck.Checked(EventKind.LOST_TO_FOLLOW_UP, LocalDate.of(2026, 6, 9),
                "no answer", "post", null);

        assertNull(FollowUpEvent.recorded(3, 21, loss, 8L, RECORDED_AT).keepData());
        assertTrue(loss.keepsData());
    }
}
