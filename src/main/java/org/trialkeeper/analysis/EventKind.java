package org.trialkeeper.analysis;

/** What can happen to a participant after randomisation, as far as the CONSORT flow tells it apart. */
public enum EventKind {
    DID_NOT_RECEIVE,
    DISCONTINUED,
    LOST_TO_FOLLOW_UP,
    WITHDREW_CONSENT,
    EXCLUDED_FROM_ANALYSIS,
    /** the waitlist's delayed intervention, offered or started: no box of the flow counts it */
    DELAYED_INTERVENTION
}
