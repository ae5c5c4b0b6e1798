package org.trialkeeper.web;

import org.trialkeeper.trial.TrialStatus;

import java.util.List;
import java.util.Optional;

/** Each step forwards in a trial's life, as the confirmation before it names it: what it does and what it freezes. */
final class StatusSteps {

    /** A step from one status to the next: its name as a button says it, and what cannot be undone after it. */
    public record Step(TrialStatus from, TrialStatus to, String action, List<String> freezes) {
    }

    private static final List<Step> STEPS = List.of(
            new Step(TrialStatus.DRAFT, TrialStatus.RECRUITING, "Open recruitment", List.of(
                    "The protocol's arms, randomisation scheme and what it stratifies or minimises on (sites,"
                            + " baseline characteristics) are frozen: no amendment may change them.",
                    "Every later amendment of the protocol needs a reason.",
                    "The allocation sequence is generated from a fresh secret seed and committed to by its hash;"
                            + " screening and randomisation open.")),
            new Step(TrialStatus.RECRUITING, TrialStatus.FOLLOW_UP, "End recruitment", List.of(
                    "Screening and randomisation close for good: no one else can be enrolled or randomised.",
                    "Assessments, attendance, follow-up events and harms go on being recorded.")),
            new Step(TrialStatus.FOLLOW_UP, TrialStatus.LOCKED, "Lock the database", List.of(
                    "All data are frozen: no more assessments, attendance, follow-up events or harms.",
                    "The protocol can no longer be amended.",
                    "Investigators and statisticians see the arms: the report by arm, the exports and the"
                            + " sequence with its seed become available.")));

    private StatusSteps() {
    }

    /** The step a trial of this status may take, if any: none once LOCKED. */
    static Optional<Step> from(TrialStatus status) {
        return STEPS.stream().filter(step -> step.from() == status && status.canMoveTo(step.to())).findFirst();
    }
}
