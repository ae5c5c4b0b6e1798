package org.trialkeeper.problem;

/**
 * Why the security rule refused a request, when the bare 403 {@code forbidden} would not tell
 * the caller what to do: the rule leaves it on the request under {@link #ATTRIBUTE}, and the
 * problem answer takes its code and detail instead.
 */
public record Refusal(ProblemCode code, String detail) {

    public static final String ATTRIBUTE = "trialkeeper.refusal";

    public Refusal {
        if (code.kind() != ProblemKind.FORBIDDEN) {
            throw new IllegalArgumentException("a refusal is a 403: " + code);
        }
    }
}
