package org.trialkeeper.security;

import org.trialkeeper.problem.Violation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Long enough to resist guessing; no longer than bcrypt reads (72 bytes). */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static List<Violation> check(String field, String password, String username) {
        List<Violation> violations = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            violations.add(new Violation(field, "required", "is required"));
        } else if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            violations.add(new Violation(field, "min-length", "must be at least " + MIN_LENGTH + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            violations.add(new Violation(field, "max-length", "must be at most " + MAX_BYTES + " bytes"));
        } else if (password.equalsIgnoreCase(username)) {
            violations.add(new Violation(field, "not-username", "must differ from the username"));
        }
        return violations;
    }
}
