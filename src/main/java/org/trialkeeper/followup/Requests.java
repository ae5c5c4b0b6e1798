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
    public record AttendanceRequest(@Nullable @Schema(type = "boolean") Object present, @Nullable String reason) {
    }

    /** An event after randomisation: kind, date (ISO), reason, the timepoint it affects, and for a withdrawal whether the data may be kept. */
    @Serdeable
    public record EventRequest(@Nullable String kind, @Nullable String date, @Nullable String reason, @Nullable String timepoint,
                        @Nullable @Schema(type = "boolean") Object keepData) {
    }

    /** A coordinator's decision on the per-protocol analysis, overriding the attendance rule. */
    @Serdeable
    public record PerProtocolRequest(@Nullable @Schema(type = "boolean") Object excluded, @Nullable String reason) {
    }

    /** One session's attendance for several participants at once; changing what was recorded needs the reason. */
    @Serdeable
    public record SessionAttendanceRequest(@Nullable List<Mark> participants, @Nullable String reason) {
    }

    /** A participant present or absent at the session. */
    @Serdeable
    public record Mark(@Nullable @Schema(type = "integer", format = "int64") Object participantId, @Nullable @Schema(type = "boolean") Object present) {
    }
}
