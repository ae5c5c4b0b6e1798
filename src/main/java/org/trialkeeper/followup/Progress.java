package org.trialkeeper.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A trial's progress: recruitment against target, assessments due, complete and overdue per
 * timepoint, dropouts with reasons and attendance; split by arm only for readers who may see
 * arms (coordinators, administrators, and everyone once the trial is LOCKED).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(String trialStatus, boolean byArm, Recruitment recruitment, Group overall, List<ArmGroup> arms) {

    /** The same progress pooled over the arms, for readers who may not see arms. */
    Progress pooled() {
        return new Progress(trialStatus, false, recruitment, overall, null);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Recruitment(int target, long screened, long ineligible, long declined, long enrolled, long randomised,
                              List<Site> sites) {
    }

    @Serdeable
    public record Site(String site, long screened, long enrolled, long randomised) {
    }

    /** Progress of a group of randomised participants: everyone, or one arm. Empty lists are shown, not left out. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(long randomised, List<TimepointProgress> assessments, List<Dropout> dropouts,
                        Attendance attendance) {
    }

    @Serdeable
    public record ArmGroup(String arm, String label, Group progress) {
    }

    /**
     * @param due      participants with the timepoint complete, and those still assessed whose timepoint has come
     *                 (weeks from randomisation); never fewer than {@code complete}
     * @param complete participants with every instrument of the timepoint entered
     * @param overdue  due, incomplete, and more than {@value ProgressService#OVERDUE_AFTER_DAYS} days past the due date
     */
    @Serdeable
    public record TimepointProgress(String timepoint, long due, long complete, long overdue) {
    }

    @Serdeable
    public record Dropout(String kind, String reason, long participants) {
    }

    /** Sessions attended per participant with attendance recorded. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attendance(int sessions, long participantsRecorded, Double medianAttended, Integer fewestAttended,
                             Integer mostAttended, long perProtocolExcluded) {
    }
}
