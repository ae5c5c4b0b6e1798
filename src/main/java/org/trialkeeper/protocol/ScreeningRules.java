package org.trialkeeper.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** What screening records of a person: the eligibility criteria and the baseline characteristics. */
final class ScreeningRules {

    private ScreeningRules() {
    }

    static void eligibility(ProtocolCheck check) {
        Eligibility eligibility = check.protocol().eligibility();
        if (eligibility.inclusion().isEmpty()) {
            check.fail("eligibility.inclusion", "min-items", "at least one inclusion criterion is required");
        }
        List<Criterion> all = new ArrayList<>(eligibility.inclusion());
        all.addAll(eligibility.exclusion());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            boolean inclusion = i < eligibility.inclusion().size();
            String path = inclusion ? "eligibility.inclusion[" + i + "].id"
                    : "eligibility.exclusion[" + (i - eligibility.inclusion().size()) + "].id";
            check.code(path, all.get(i).id());
            if (!seen.add(all.get(i).id())) {
                check.fail(path, "duplicate-id", "'" + all.get(i).id() + "' is used by another criterion");
            }
        }
    }

    static void baseline(ProtocolCheck check) {
        List<BaselineCharacteristic> baseline = check.protocol().baseline();
        check.unique("baseline", baseline, BaselineCharacteristic::id);
        for (int i = 0; i < baseline.size(); i++) {
            characteristic(check, "baseline[" + i + "]", baseline.get(i));
        }
    }

    private static void characteristic(ProtocolCheck check, String path, BaselineCharacteristic characteristic) {
        check.code(path + ".id", characteristic.id());
        if (characteristic.type() == CharacteristicType.NUMBER) {
            check.notApplicable(path + ".levels", !characteristic.levels().isEmpty(), characteristic.type());
            check.notApplicable(path + ".levelLabels", !characteristic.levelLabels().isEmpty(), characteristic.type());
            if (characteristic.min() != null && characteristic.max() != null
                    && characteristic.max() <= characteristic.min()) {
                check.fail(path + ".max", "range", "must be greater than min");
            }
        } else {
            check.notApplicable(path + ".min", characteristic.min() != null, characteristic.type());
            check.notApplicable(path + ".max", characteristic.max() != null, characteristic.type());
            if (characteristic.levels().size() < 2) {
                check.fail(path + ".levels", "min-items", "a category needs at least two levels");
            }
            check.unique(path + ".levels", characteristic.levels(), Function.identity());
            characteristic.levelLabels().keySet().stream().filter(level -> !characteristic.levels().contains(level))
                    .forEach(level -> check.fail(path + ".levelLabels." + level, "unknown-level",
                            "names no level of this characteristic"));
        }
    }
}
