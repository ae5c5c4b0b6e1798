package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an amendment may not change once recruitment has started: the trial's name, its arms
 * and its randomisation, and whatever the scheme stratifies or minimises on. Changing any of
 * them would invalidate the committed allocation sequence. Nor who monitors predictability and
 * at what threshold: moving either once figures exist could hide a warning.
 */
public final class FrozenParts {

    private FrozenParts() {
    }

    public static List<Violation> changedBy(Protocol before, Protocol after) {
        List<Violation> changes = new ArrayList<>();
        compare(changes, "shortName", before.shortName(), after.shortName());
        compare(changes, "arms", before.arms(), after.arms());
        compare(changes, "randomisation", before.randomisation(), after.randomisation());
        compare(changes, "monitoring", before.monitoring(), after.monitoring());
        List<String> factors = new ArrayList<>(before.randomisation().stratifyBy());
        before.randomisation().factors().forEach(factor -> factors.add(factor.factor()));
        for (String factor : factors) {
            if (Randomisation.SITE_FACTOR.equals(factor)) {
                compare(changes, "sites", before.sites(), after.sites());
            } else {
                compare(changes, "baseline." + factor, before.characteristic(factor), after.characteristic(factor));
            }
        }
        return changes;
    }

    private static void compare(List<Violation> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Violation(field, "frozen", "cannot change after the trial has left DRAFT"));
        }
    }
}
