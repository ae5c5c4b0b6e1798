package org.trialkeeper.problem;

/** What kind of failure a domain rule reports; {@link ProblemExceptionHandler} maps kinds to statuses. */
public enum ProblemKind {
    INVALID,
    UNAUTHENTICATED,
    THROTTLED,
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN
}
