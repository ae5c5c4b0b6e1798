package org.trialkeeper.problem;

/** What kind of failure a rule reports, and the HTTP status that answers it. */
public enum ProblemKind {
    INVALID(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    THROTTLED(429),
    FAILED(500),
    UNAVAILABLE(503);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
