package org.trialkeeper.followup;

import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.protocol.TimepointKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The waitlist's delayed intervention: offered once the post-test is in, then started; the arm stays. */
final class DelayedIntervention {

    private DelayedIntervention() {
    }

    static void requireWaitlist(Arm arm, ParticipantStatus status) {
        if (!arm.waitlist()) {
            throw new ProblemException(ProblemCode.NOT_WAITLIST,
                    "The delayed intervention is offered to participants of a waitlist arm only");
        }
        if (!status.acceptsAssessments()) {
            throw new ProblemException(ProblemCode.WITHDRAWN,
                    "This participant withdrew consent");
        }
    }

    /** @param entered the participant's assessments entered, as "timepoint/instrument" */
    static void requirePostTest(List<Timepoint> timepoints, Set<String> entered) {
        List<String> missing = new ArrayList<>();
        for (Timepoint timepoint : timepoints) {
            if (timepoint.kind() == TimepointKind.POST) {
                timepoint.instruments().stream().map(i -> timepoint.id() + "/" + i).filter(i -> !entered.contains(i))
                        .forEach(missing::add);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(ProblemCode.POST_TEST_INCOMPLETE,
                    "The delayed intervention is offered once the post-test is complete; still to enter: "
                            + String.join(", ", missing));
        }
    }

    /** Each step once, and the start only after the offer. */
    static void requireNext(EventKind kind, List<EventKind> earlier) {
        if (earlier.contains(kind)) {
            throw new ProblemException(ProblemCode.ALREADY_RECORDED,
                    "This participant's " + kind.code() + " is already recorded");
        }
        if (kind == EventKind.DELAYED_INTERVENTION_STARTED && !earlier.contains(EventKind.DELAYED_INTERVENTION_OFFERED)) {
            throw new ProblemException(ProblemCode.NOT_OFFERED,
                    "The delayed intervention starts after it is offered; record the offer first");
        }
    }
}
