package org.trialkeeper.followup;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttendanceTest {

    private static final Instant FIRST = Instant.parse("2026-05-04T17:00:00Z");
    private static final Instant LATER = Instant.parse("2026-05-06T09:15:00Z");

    @Test
    void aSessionIsRecordedOnceWithWhoRecordedItAndWhen() {
        Attendance recorded = Attendance.recorded(3, 21, 4, true, 8L, FIRST);

        assertNull(recorded.id());
        assertEquals(3L, recorded.trialId());
        assertEquals(21L, recorded.participantId());
        assertEquals(4, recorded.session());
        assertTrue(recorded.present());
        assertEquals(8L, recorded.recordedBy());
        assertEquals(FIRST, recorded.recordedAt());
    }

    @Test
    void aChangeKeepsTheSessionAndTellsWhoChangedItAndWhen() {
        Attendance stored = new Attendance(60L, 3L, 21L, 4, true, 8L, FIRST);

        Attendance changed = stored.changedTo(false, 9L, LATER);

        assertEquals(60L, changed.id());
        assertEquals(3L, changed.trialId());
        assertEquals(21L, changed.participantId());
        assertEquals(4, changed.session());
        assertFalse(changed.present());
        assertEquals(9L, changed.recordedBy());
        assertEquals(LATER, changed.recordedAt());
    }
}
