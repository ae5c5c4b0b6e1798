package org.trialkeeper.trial;

/**
 * A trial's life. It only ever moves one step forwards: recruitment cannot reopen and a locked
 * database cannot be unlocked.
 */
public enum TrialStatus {
    DRAFT,
    RECRUITING,
    FOLLOW_UP,
    LOCKED;

    public boolean canMoveTo(TrialStatus target) {
        return target.ordinal() == ordinal() + 1;
    }

    /** Participants, assessments, attendance and events are recorded while recruiting and in follow-up only. */
    public boolean collectsData() {
        return this == RECRUITING || this == FOLLOW_UP;
    }

    /** The protocol's arms and scheme are fixed once recruitment has started. */
    public boolean protocolFrozen() {
        return this != DRAFT;
    }
}
