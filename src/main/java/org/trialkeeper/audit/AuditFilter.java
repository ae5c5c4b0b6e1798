package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import org.trialkeeper.problem.ProblemException;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Which records a reader of the whole trail asks for; a null part asks for any. The action
 * matches from its beginning, so {@code participant.} finds every participant action; the
 * times bound when a record was written, from inclusive, until exclusive.
 */
public record AuditFilter(@Nullable Long trialId, @Nullable String username, @Nullable String action,
                          @Nullable Instant from, @Nullable Instant until) {

    public static final AuditFilter ANY = new AuditFilter(null, null, null, null, null);

    private static final Pattern ACTION = Pattern.compile("[a-z0-9.-]{1,100}");

    public AuditFilter {
        if (action != null && !ACTION.matcher(action).matches()) {
            throw ProblemException.invalidRequest("action", "pattern",
                    "an action or its beginning: lower-case letters, digits, dots and hyphens");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw ProblemException.invalidRequest("until", "after-from", "must come after the first day");
        }
    }

    public boolean any() {
        return equals(ANY);
    }
}
