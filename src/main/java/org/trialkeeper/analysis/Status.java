package org.trialkeeper.analysis;

/**
 * A person's status as the report counts it: how screening ended, or, once randomised, how far
 * from the allocated path the participant has gone.
 */
public enum Status {
    INELIGIBLE,
    DECLINED,
    ENROLLED,
    RANDOMISED,
    DID_NOT_RECEIVE,
    DISCONTINUED,
    LOST_TO_FOLLOW_UP,
    WITHDRAWN,
    EXCLUDED_FROM_ANALYSIS;

    /** How screening ended: INELIGIBLE, DECLINED, or ENROLLED for everyone who got further. */
    public Status screening() {
        return this == INELIGIBLE || this == DECLINED ? this : ENROLLED;
    }
}
