package org.trialkeeper.protocol;

import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.util.List;

/** A protocol that breaks one or more rules; nothing from it is stored. */
public final class InvalidProtocolException extends ProblemException {

    InvalidProtocolException(List<Violation> violations) {
        super(ProblemCode.INVALID_PROTOCOL,
                violations.size() + " rule(s) broken; see violations", violations);
    }
}
