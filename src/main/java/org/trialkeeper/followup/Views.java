package org.trialkeeper.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.participant.PerProtocol;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What follow-up answers. */
public final class Views {

    private Views() {
    }

    @Serdeable
    public record SessionView(int session, boolean present, Instant recordedAt) {
    }

    @Serdeable
    public record AttendanceView(long participantId, String participantCode, int sessions, List<SessionView> recorded,
                          int absences, int absencesExcludingPerProtocol, PerProtocol perProtocol) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, long participantId, String kind, LocalDate date, String reason, String timepoint,
                     Boolean keepData, String status, Instant recordedAt) {
    }

    /** One participant of the intervention arm on a session's register, with what is recorded (null: nothing yet). */
    @Serdeable
    public record RegisterRow(long participantId, String code, String site, String status, @Nullable Boolean present) {
    }

    /** A session's register: the intervention arm's participants, a page at a time in the order of allocation. */
    @Serdeable
    public record RegisterView(int session, int sessions, List<RegisterRow> participants, @Nullable String after) {
    }
}
