package org.trialkeeper.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Thrown by domain code when a request breaks a rule; carries everything the answer needs. */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final transient List<Violation> violations;
    private Duration retryAfter;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, List.of());
    }

    public ProblemException(ProblemCode code, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    /** A request that breaks the rules of its fields, each violation naming the field and the rule. */
    public static ProblemException invalidRequest(List<Violation> violations) {
        return invalid(ProblemCode.INVALID_REQUEST, violations);
    }

    public static ProblemException invalidRequest(String field, String rule, String message) {
        return invalidRequest(List.of(new Violation(field, rule, message)));
    }

    public static ProblemException invalid(ProblemCode code, List<Violation> violations) {
        return new ProblemException(code, violations.size() + " rule(s) broken; see violations", violations);
    }

    /** When the client may try again, for throttled requests. */
    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The {@code Retry-After} header's value: whole seconds, at least one. */
    public Optional<String> retryAfterSeconds() {
        return retryAfter().map(wait -> Long.toString(wholeSeconds(wait)));
    }

    /** A wait in whole seconds, rounded up (a client that comes back sooner is refused again), at least one. */
    public static long wholeSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() == 0 ? 0 : 1);
        return Math.max(1, seconds);
    }

    public ProblemCode code() {
        return code;
    }

    public String title() {
        return code.title();
    }

    public ProblemKind kind() {
        return code.kind();
    }

    public List<Violation> violations() {
        return violations;
    }
}
