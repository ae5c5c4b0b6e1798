package org.trialkeeper.protocol;

import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.ProblemKind;
import org.trialkeeper.problem.Violation;

import java.util.List;

/** A protocol that breaks one or more rules; nothing from it is stored. */
public final class InvalidProtocolException extends ProblemException {

    InvalidProtocolException(List<Violation> violations) {
        super(ProblemKind.INVALID, "invalid-protocol", "Invalid protocol",
                violations.size() + " rule(s) broken; see violations", violations);
    }
}
