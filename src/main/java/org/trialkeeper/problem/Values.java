package org.trialkeeper.problem;

import java.util.List;

/** Checks of request values that the JSON reader would otherwise coerce quietly. */
public final class Values {

    private Values() {
    }

    /** A reason for a change, required and at most 2000 characters; answered without surrounding spaces. */
    public static String requiredReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason",
                    reason == null || reason.isBlank() ? "required" : "max-length", "a reason of at most 2000 characters");
        }
        return reason.strip();
    }

    /** A JSON true or false, or null when absent; a string or a number is a violation, never a quiet false. */
    public static Boolean bool(Object value, String field, List<Violation> violations) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        violations.add(new Violation(field, "type", "must be true or false"));
        return null;
    }
}
