package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One protocol under check: the violations found so far, and the checks every part of it shares. */
final class ProtocolCheck {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private final Protocol protocol;
    private final List<Violation> violations = new ArrayList<>();

    ProtocolCheck(Protocol protocol) {
        this.protocol = protocol;
    }

    Protocol protocol() {
        return protocol;
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    void fail(String path, String rule, String message) {
        violations.add(new Violation(path, rule, message));
    }

    void positive(String path, int value) {
        if (value < 1) {
            fail(path, "min", "must be at least 1");
        }
    }

    void code(String path, String value) {
        if (value != null && !CODE.matcher(value).matches()) {
            fail(path, "pattern", "must be 1-32 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    void notApplicable(String path, boolean present, ProtocolCode context) {
        if (present) {
            fail(path, "not-applicable", "does not apply to " + context.code());
        }
    }

    <T, K> void unique(String path, List<T> items, Function<T, K> key) {
        Set<K> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            K value = key.apply(items.get(i));
            if (value != null && !seen.add(value)) {
                fail(path + "[" + i + "]", "duplicate-id", "'" + value + "' appears more than once");
            }
        }
    }
}
