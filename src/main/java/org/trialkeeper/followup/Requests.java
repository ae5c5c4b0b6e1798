package org.trialkeeper.followup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/** What coordinators send to record follow-up. */
public final class Requests {

    private Requests() {
    }

    /** Present or absent at one session; changing what was recorded needs a reason. */
    @Serdeable
    @Schema(example = "{\"present\": true}")
    public record AttendanceRequest(@Nullable @Schema(type = "boolean") Object present, @Nullable String reason) {
    }

    /** An event after randomisation: kind, date (ISO), reason, the timepoint it affects, and for a withdrawal whether the data may be kept. */
    @Serdeable
    @Schema(example = "{\"kind\": \"lost-to-follow-up\", \"date\": \"2026-12-01\", \"reason\": \"moved away\", \"timepoint\": \"post\"}")
    public record EventRequest(@Nullable String kind, @Nullable String date, @Nullable String reason, @Nullable String timepoint,
                        @Nullable @Schema(type = "boolean") Object keepData) {
    }

    /** A coordinator's decision on the per-protocol analysis, overriding the attendance rule. */
    @Serdeable
    @Schema(example = "{\"excluded\": false, \"reason\": \"absences were for an emergency on the ward\"}")
    public record PerProtocolRequest(@Nullable @Schema(type = "boolean") Object excluded, @Nullable String reason) {
    }

    /** One session's attendance for several participants at once; changing what was recorded needs the reason. */
    @Serdeable
    @Schema(example = "{\"participants\": [{\"participantId\": 1, \"present\": true}, {\"participantId\": 3, \"present\": false}]}")
    public record SessionAttendanceRequest(@Nullable List<Mark> participants, @Nullable String reason) {
    }

    /** A participant present or absent at the session. */
    @Serdeable
    public record Mark(@Nullable @Schema(type = "integer", format = "int64") Object participantId, @Nullable @Schema(type = "boolean") Object present) {
    }
}
