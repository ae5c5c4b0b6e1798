package org.trialkeeper.access;

/**
 * What a user may do. ADMIN is held globally; the others are held per trial, through a
 * membership of that trial.
 */
public enum Role {
    ADMIN,
    COORDINATOR,
    ASSESSOR,
    INVESTIGATOR,
    STATISTICIAN;

    public boolean heldPerTrial() {
        return this != ADMIN;
    }
}
