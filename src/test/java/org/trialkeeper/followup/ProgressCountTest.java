package org.trialkeeper.followup;

import org.junit.jupiter.api.Test;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.Followed;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressCountTest {

    private static final Protocol PROTOCOL = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));

    @Test
    void dropoutsAreCountedByKindThenReasonAndEventsThatMoveNoStatusAreLeftOut() {
        List<Followed> members = List.of(member(1, ParticipantStatus.WITHDRAWN), member(2, ParticipantStatus.DISCONTINUED),
                member(3, ParticipantStatus.LOST_TO_FOLLOW_UP), member(4, ParticipantStatus.RANDOMISED));
        Map<Long, List<FollowUpEvent>> events = Map.of(
                1L, List.of(event(1, EventKind.DISCONTINUED, "side effects"), event(1, EventKind.WITHDREW_CONSENT, "moved")),
                2L, List.of(event(2, EventKind.DISCONTINUED, "no time")),
                3L, List.of(event(3, EventKind.DISCONTINUED, "side effects"), event(3, EventKind.LOST_TO_FOLLOW_UP, "moved")),
                4L, List.of(event(4, EventKind.DELAYED_INTERVENTION_OFFERED, "post-test done")));
        ProgressCount.Facts facts = new ProgressCount.Facts(PROTOCOL, LocalDate.of(2026, 1, 1), Map.of(), Map.of(),
                events, Map.of(1L, 8, 2L, 3, 4L, 6));

        Progress.Group group = ProgressCount.group(facts, members);

        assertEquals(List.of(new Progress.Dropout("discontinued", "no time", 1),
                new Progress.Dropout("discontinued", "side effects", 2),
                new Progress.Dropout("lost-to-follow-up", "moved", 1),
                new Progress.Dropout("withdrew-consent", "moved", 1)), group.dropouts());
        assertEquals(new Progress.Attendance(PROTOCOL.intervention().sessions(), 3, 6.0, 3, 8, 0), group.attendance());
    }

    private static Followed member(long id, ParticipantStatus status) {
        return new Followed(new Candidate(id, "P" + id, PROTOCOL.sites().get(0).code(), status, Map.of()), false, true);
    }

    private static FollowUpEvent event(long participantId, EventKind kind, String reason) {
        return FollowUpEvent.recorded(1, participantId,
                new EventCheck.Checked(kind, LocalDate.of(2025, 12, 1), reason, "post", null), 1L,
                Instant.parse("2025-12-01T00:00:00Z"));
    }
}
