package org.trialkeeper.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Thrown by domain code when a request breaks a rule; carries everything the answer needs. */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final String code;
    private final String title;
    private final transient List<Violation> violations;
    private Duration retryAfter;

    public ProblemException(ProblemKind kind, String code, String title, String detail) {
        this(kind, code, title, detail, List.of());
    }

    public ProblemException(ProblemKind kind, String code, String title, String detail,
                            List<Violation> violations) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemKind.NOT_FOUND, "not-found", "Not found",
                what + " " + id + " does not exist");
    }

    /** A request that breaks the rules of its fields, each violation naming the field and the rule. */
    public static ProblemException invalidRequest(List<Violation> violations) {
        return invalid("invalid-request", "Invalid request", violations);
    }

    public static ProblemException invalidRequest(String field, String rule, String message) {
        return invalidRequest(List.of(new Violation(field, rule, message)));
    }

    public static ProblemException invalid(String code, String title, List<Violation> violations) {
        return new ProblemException(ProblemKind.INVALID, code, title,
                violations.size() + " rule(s) broken; see violations", violations);
    }

    /** When the client may try again, for throttled requests. */
    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
