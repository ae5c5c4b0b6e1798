package org.trialkeeper.problem;

/**
 * Every rule the service answers a request with, one code each: the code is the last part of
 * the problem's {@code type} ({@code urn:trialkeeper:problem:<code>}), which clients match on.
 * The README lists the same codes; a test keeps the two in step.
 */
public enum ProblemCode {

    // requests the HTTP layer cannot take
    BAD_REQUEST(ProblemKind.INVALID, "bad-request", "Bad Request"),
    CLIENT_ERROR(ProblemKind.INVALID, "client-error", "Client Error"),
    UNAUTHENTICATED_REQUEST(ProblemKind.UNAUTHENTICATED, "unauthenticated", "Unauthorized"),
    FORBIDDEN_ROUTE(ProblemKind.FORBIDDEN, "forbidden", "Forbidden"),
    WRONG_METHOD(ProblemKind.METHOD_NOT_ALLOWED, "method-not-allowed", "Method Not Allowed"),
    NOT_ACCEPTABLE_TYPE(ProblemKind.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable"),
    PAYLOAD_TOO_LARGE(ProblemKind.TOO_LARGE, "payload-too-large", "Payload Too Large"),
    UNSUPPORTED_TYPE(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type"),
    CSRF(ProblemKind.FORBIDDEN, "csrf", "Missing or wrong CSRF token"),
    INTERNAL_ERROR(ProblemKind.FAILED, "internal-error", "Internal Server Error"),
    DATABASE_UNAVAILABLE(ProblemKind.UNAVAILABLE, "unavailable", "Service Unavailable"),

    // fields of a request
    INVALID_REQUEST(ProblemKind.INVALID, "invalid-request", "Invalid request"),
    INVALID_PROTOCOL(ProblemKind.INVALID, "invalid-protocol", "Invalid protocol"),
    INVALID_SCREENING(ProblemKind.INVALID, "invalid-screening", "Invalid screening record"),
    INVALID_ASSESSMENT(ProblemKind.INVALID, "invalid-assessment", "Invalid assessment"),
    INVALID_CORRECTION(ProblemKind.INVALID, "invalid-correction", "Invalid correction"),
    INVALID_IMPORT(ProblemKind.INVALID, "invalid-import", "Invalid import; nothing was stored"),
    REASON_REQUIRED(ProblemKind.INVALID, "reason-required", "Reason required"),

    // who is asking
    INVALID_CREDENTIALS(ProblemKind.UNAUTHENTICATED, "invalid-credentials", "Invalid credentials"),
    LOGIN_THROTTLED(ProblemKind.THROTTLED, "login-throttled", "Too many failed logins"),
    PASSWORD_MISMATCH(ProblemKind.FORBIDDEN, "password-mismatch", "Password required"),
    UNBLINDING_NOT_PERMITTED(ProblemKind.FORBIDDEN, "unblinding-not-permitted", "Unblinding not permitted"),

    // what exists
    NOT_FOUND(ProblemKind.NOT_FOUND, "not-found", "Not found"),
    DUPLICATE_TRIAL(ProblemKind.CONFLICT, "duplicate-trial", "Trial already registered"),
    DUPLICATE_USER(ProblemKind.CONFLICT, "duplicate-user", "User exists"),
    DUPLICATE_PARTICIPANT(ProblemKind.CONFLICT, "duplicate-participant", "Participant exists"),
    DUPLICATE_ASSESSMENT(ProblemKind.CONFLICT, "duplicate-assessment", "Already entered"),
    ALREADY_RECORDED(ProblemKind.CONFLICT, "already-recorded", "Already recorded"),

    // the trial's and the participant's life
    INVALID_TRANSITION(ProblemKind.CONFLICT, "invalid-transition", "Not an allowed change"),
    PROTOCOL_FROZEN(ProblemKind.CONFLICT, "protocol-frozen", "Protocol frozen"),
    TRIAL_LOCKED(ProblemKind.CONFLICT, "trial-locked", "Trial locked"),
    NOT_LOCKED(ProblemKind.CONFLICT, "not-locked", "Not locked"),
    NOT_RECRUITING(ProblemKind.CONFLICT, "not-recruiting", "Not recruiting"),
    NOT_COLLECTING(ProblemKind.CONFLICT, "not-collecting", "Not collecting data"),
    NOT_ENROLLED(ProblemKind.CONFLICT, "not-enrolled", "Not enrolled"),
    WITHDRAWN(ProblemKind.CONFLICT, "withdrawn", "Withdrawn"),
    NO_SESSIONS(ProblemKind.CONFLICT, "no-sessions", "No sessions in this arm"),
    NOT_WAITLIST(ProblemKind.CONFLICT, "not-waitlist", "Not a waitlist participant"),
    POST_TEST_INCOMPLETE(ProblemKind.CONFLICT, "post-test-incomplete", "Post-test incomplete"),
    NOT_OFFERED(ProblemKind.CONFLICT, "not-offered", "Not offered yet"),

    // randomisation
    NOT_COMMITTED(ProblemKind.CONFLICT, "not-committed", "Not committed"),
    NOT_RANDOMISED(ProblemKind.CONFLICT, "not-randomised", "Not randomised"),
    ALREADY_RANDOMISED(ProblemKind.CONFLICT, "already-randomised", "Already randomised"),
    IDEMPOTENCY_KEY_REUSED(ProblemKind.CONFLICT, "idempotency-key-reused", "Idempotency key reused"),
    SEQUENCE_EXHAUSTED(ProblemKind.CONFLICT, "sequence-exhausted", "Sequence exhausted"),
    ALREADY_FLAGGED(ProblemKind.CONFLICT, "already-flagged", "Already flagged");

    private final ProblemKind kind;
    private final String code;
    private final String title;

    ProblemCode(ProblemKind kind, String code, String title) {
        this.kind = kind;
        this.code = code;
        this.title = title;
    }

    public ProblemKind kind() {
        return kind;
    }

    /** The code as clients see it. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The problem's {@code type}. */
    public String type() {
        return Problem.TYPE_PREFIX + code;
    }
}
