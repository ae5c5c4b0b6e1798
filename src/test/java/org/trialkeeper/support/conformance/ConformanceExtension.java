package org.trialkeeper.support.conformance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Registered for every test class (junit-platform.properties): a class fails when an exchange its
 * servers answered does not conform to the API document.
 */
public final class ConformanceExtension implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);
    private static final int MOST_SHOWN = 20;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("from", ApiConformance.violationCount());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Integer from = context.getStore(NAMESPACE).get("from", Integer.class);
        List<String> violations = ApiConformance.violationsSince(from == null ? 0 : from);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) differ from the API document:\n  "
                    + String.join("\n  ", violations.subList(0, Math.min(MOST_SHOWN, violations.size()))));
        }
    }
}
