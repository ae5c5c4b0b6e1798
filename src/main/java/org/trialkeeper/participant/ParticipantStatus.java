package org.trialkeeper.participant;

/**
 * A screened person's path. Screening ends in INELIGIBLE, DECLINED or ENROLLED; only an
 * enrolled participant can be randomised, and the arm is then fixed for good. After
 * randomisation the participant moves only along the arrows below, each move recorded as an
 * event with a date and a reason; a withdrawn participant accepts no further assessments.
 * <pre>
 * RANDOMISED -> DID_NOT_RECEIVE | DISCONTINUED -> LOST_TO_FOLLOW_UP -> WITHDRAWN | EXCLUDED_FROM_ANALYSIS
 * (any state after randomisation may also move straight to a later one on that line)
 * </pre>
 */
public enum ParticipantStatus {
    INELIGIBLE,
    DECLINED,
    ENROLLED,
    RANDOMISED,
    /** did not receive the allocated intervention; still followed up */
    DID_NOT_RECEIVE,
    /** stopped the allocated intervention; still followed up */
    DISCONTINUED,
    LOST_TO_FOLLOW_UP,
    /** withdrew consent: no further assessments */
    WITHDRAWN,
    EXCLUDED_FROM_ANALYSIS;

    public boolean canMoveTo(ParticipantStatus next) {
        return switch (this) {
            case ENROLLED -> next == RANDOMISED;
            case RANDOMISED -> next.ordinal() > RANDOMISED.ordinal();
            case DID_NOT_RECEIVE, DISCONTINUED -> next.ordinal() > DISCONTINUED.ordinal();
            case LOST_TO_FOLLOW_UP -> next == WITHDRAWN || next == EXCLUDED_FROM_ANALYSIS;
            case INELIGIBLE, DECLINED, WITHDRAWN, EXCLUDED_FROM_ANALYSIS -> false;
        };
    }

    /** Randomised, whatever happened afterwards: the arm is theirs for intention-to-treat. */
    public boolean randomised() {
        return ordinal() >= RANDOMISED.ordinal();
    }

    /** Assessments may still be entered: randomised and consent not withdrawn. */
    public boolean acceptsAssessments() {
        return randomised() && this != WITHDRAWN;
    }
}
