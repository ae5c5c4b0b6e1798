package org.trialkeeper.participant;

/**
 * A screened person's path. Screening ends in INELIGIBLE, DECLINED or ENROLLED; only an
 * enrolled participant can be randomised, and the arm is then fixed for good.
 */
public enum ParticipantStatus {
    INELIGIBLE,
    DECLINED,
    ENROLLED,
    RANDOMISED;

    public boolean canMoveTo(ParticipantStatus next) {
        return this == ENROLLED && next == RANDOMISED;
    }
}
