package org.trialkeeper.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One broken rule: the path of the offending field (e.g. {@code arms[1].ratio}), the rule's
 * stable code and a sentence for people.
 */
@Serdeable
public record Violation(String field, String rule, String message) {
}
