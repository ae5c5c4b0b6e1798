package org.trialkeeper.analysis;

import java.util.Optional;

/**
 * A person's status as the report counts it: how screening ended, or, once randomised, how far
 * from the allocated path the participant has gone, and the kind of event that took them there.
 */
public enum Status {
    INELIGIBLE(null),
    DECLINED(null),
    ENROLLED(null),
    RANDOMISED(null),
    DID_NOT_RECEIVE(EventKind.DID_NOT_RECEIVE),
    DISCONTINUED(EventKind.DISCONTINUED),
    LOST_TO_FOLLOW_UP(EventKind.LOST_TO_FOLLOW_UP),
    WITHDRAWN(EventKind.WITHDREW_CONSENT),
    EXCLUDED_FROM_ANALYSIS(EventKind.EXCLUDED_FROM_ANALYSIS);

    private final EventKind reachedBy;

    Status(EventKind reachedBy) {
        this.reachedBy = reachedBy;
    }

    /** How screening ended: INELIGIBLE, DECLINED, or ENROLLED for everyone who got further. */
    public Status screening() {
        return this == INELIGIBLE || this == DECLINED ? this : ENROLLED;
    }

    /** The kind of event that moves a participant here, whose reason says why; none for screening and randomisation. */
    public Optional<EventKind> reachedBy() {
        return Optional.ofNullable(reachedBy);
    }
}
