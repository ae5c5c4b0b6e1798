package org.trialkeeper.problem;

import java.util.Locale;

/**
 * Every rule the service answers a request with, one code each: the code is the last part of
 * the problem's {@code type} ({@code urn:trialkeeper:problem:<code>}), which clients match on.
 * The README lists the same codes; a test keeps the two in step.
 */
public enum ProblemCode {

    // requests the HTTP layer cannot take
    BAD_REQUEST(ProblemKind.INVALID, "Bad Request"),
    CLIENT_ERROR(ProblemKind.INVALID, "Client Error"),
    UNAUTHENTICATED(ProblemKind.UNAUTHENTICATED, "Unauthorized"),
    FORBIDDEN(ProblemKind.FORBIDDEN, "Forbidden"),
    METHOD_NOT_ALLOWED(ProblemKind.METHOD_NOT_ALLOWED, "Method Not Allowed"),
    NOT_ACCEPTABLE(ProblemKind.NOT_ACCEPTABLE, "Not Acceptable"),
    PAYLOAD_TOO_LARGE(ProblemKind.TOO_LARGE, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type"),
    CSRF(ProblemKind.FORBIDDEN, "Missing or wrong CSRF token"),
    CORS_REFUSED(ProblemKind.FORBIDDEN, "Cross-origin request refused"),
    INTERNAL_ERROR(ProblemKind.FAILED, "Internal Server Error"),
    UNAVAILABLE(ProblemKind.UNAVAILABLE, "Service Unavailable"),
    BUSY(ProblemKind.UNAVAILABLE, "Busy"),

    // fields of a request
    INVALID_REQUEST(ProblemKind.INVALID, "Invalid request"),
    INVALID_PROTOCOL(ProblemKind.INVALID, "Invalid protocol"),
    INVALID_SCREENING(ProblemKind.INVALID, "Invalid screening record"),
    INVALID_ASSESSMENT(ProblemKind.INVALID, "Invalid assessment"),
    INVALID_CORRECTION(ProblemKind.INVALID, "Invalid correction"),
    INVALID_IMPORT(ProblemKind.INVALID, "Invalid import; nothing was stored"),
    REASON_REQUIRED(ProblemKind.INVALID, "Reason required"),

    // who is asking
    INVALID_CREDENTIALS(ProblemKind.UNAUTHENTICATED, "Invalid credentials"),
    LOGIN_THROTTLED(ProblemKind.THROTTLED, "Too many failed logins"),
    LOGIN_BUSY(ProblemKind.UNAVAILABLE, "Too many logins at once"),
    PASSWORD_CHANGE_REQUIRED(ProblemKind.FORBIDDEN, "Password change required"),
    PASSWORD_MISMATCH(ProblemKind.FORBIDDEN, "Password required"),
    UNBLINDING_NOT_PERMITTED(ProblemKind.FORBIDDEN, "Unblinding not permitted"),
    UNBLINDING_THROTTLED(ProblemKind.THROTTLED, "Too many wrong passwords"),
    NOT_NOTIFIED(ProblemKind.FORBIDDEN, "Not notified of serious adverse events"),
    NOT_MONITORING(ProblemKind.FORBIDDEN, "Not monitoring predictability"),

    // what exists
    NOT_FOUND(ProblemKind.NOT_FOUND, "Not found"),
    DUPLICATE_TRIAL(ProblemKind.CONFLICT, "Trial already registered"),
    DUPLICATE_USER(ProblemKind.CONFLICT, "User exists"),
    DUPLICATE_PARTICIPANT(ProblemKind.CONFLICT, "Participant exists"),
    DUPLICATE_ASSESSMENT(ProblemKind.CONFLICT, "Already entered"),
    ALREADY_RECORDED(ProblemKind.CONFLICT, "Already recorded"),
    LAST_ADMINISTRATOR(ProblemKind.CONFLICT, "Last active administrator"),

    // the trial's and the participant's life
    INVALID_TRANSITION(ProblemKind.CONFLICT, "Not an allowed change"),
    PROTOCOL_FROZEN(ProblemKind.CONFLICT, "Protocol frozen"),
    TRIAL_LOCKED(ProblemKind.CONFLICT, "Trial locked"),
    NOT_LOCKED(ProblemKind.CONFLICT, "Not locked"),
    NOT_RECRUITING(ProblemKind.CONFLICT, "Not recruiting"),
    NOT_COLLECTING(ProblemKind.CONFLICT, "Not collecting data"),
    NOT_ENROLLED(ProblemKind.CONFLICT, "Not enrolled"),
    WITHDRAWN(ProblemKind.CONFLICT, "Withdrawn"),
    NO_SESSIONS(ProblemKind.CONFLICT, "No sessions in this arm"),
    NOT_WAITLIST(ProblemKind.CONFLICT, "Not a waitlist participant"),
    POST_TEST_INCOMPLETE(ProblemKind.CONFLICT, "Post-test incomplete"),
    NOT_OFFERED(ProblemKind.CONFLICT, "Not offered yet"),

    // randomisation
    NOT_COMMITTED(ProblemKind.CONFLICT, "Not committed"),
    NOT_RANDOMISED(ProblemKind.CONFLICT, "Not randomised"),
    ALREADY_RANDOMISED(ProblemKind.CONFLICT, "Already randomised"),
    IDEMPOTENCY_KEY_REUSED(ProblemKind.CONFLICT, "Idempotency key reused"),
    SEQUENCE_EXHAUSTED(ProblemKind.CONFLICT, "Sequence exhausted"),
    ALREADY_FLAGGED(ProblemKind.CONFLICT, "Already flagged"),
    SEQUENCE_ALTERED(ProblemKind.CONFLICT, "Sequence altered"),
    ALLOCATION_ALTERED(ProblemKind.CONFLICT, "Allocation altered"),
    MINIMISATION_COUNTS_ALTERED(ProblemKind.CONFLICT, "Minimisation counts altered"),
    SEED_UNREADABLE(ProblemKind.CONFLICT, "Seed cannot be opened");

    private final ProblemKind kind;
    private final String title;

    ProblemCode(ProblemKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    public ProblemKind kind() {
        return kind;
    }

    /** The code as clients see it: the constant's name in lower case with hyphens. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String title() {
        return title;
    }

    /** The problem's {@code type}. */
    public String type() {
        return Problem.TYPE_PREFIX + code();
    }
}
