package org.trialkeeper.protocol;

import java.util.List;
import java.util.function.Function;

/**
 * The rules of the analyses planned beside the primary one: a sensitivity analysis that differs
 * from the primary population, subgroups that are categorical baseline characteristics, and a
 * sample-size plan whose values a two-arm calculation can use.
 */
final class AnalysisRules {

    static final int MAX_SUBGROUPS = 10;

    private AnalysisRules() {
    }

    static void check(ProtocolCheck check) {
        Analysis analysis = check.protocol().analysis();
        check.unique("analysis.sensitivity", analysis.sensitivity(), Function.identity());
        if (analysis.population() == AnalysisPopulation.PER_PROTOCOL
                && analysis.sensitivity().contains(SensitivityAnalysis.PER_PROTOCOL)) {
            check.fail("analysis.sensitivity", "same-as-primary", "the primary analysis is already per-protocol");
        }
        subgroups(check, analysis.subgroups());
        if (analysis.sampleSize() != null) {
            sampleSize(check, analysis.sampleSize());
        }
    }

    private static void subgroups(ProtocolCheck check, List<String> subgroups) {
        if (subgroups.size() > MAX_SUBGROUPS) {
            check.fail("analysis.subgroups", "max-items", "at most " + MAX_SUBGROUPS + " (" + subgroups.size() + " given)");
        }
        for (int i = 0; i < subgroups.size(); i++) {
            String id = subgroups.get(i);
            String path = "analysis.subgroups[" + i + "]";
            check.protocol().characteristic(id).ifPresentOrElse(characteristic -> {
                if (characteristic.type() != CharacteristicType.CATEGORY) {
                    check.fail(path, "not-categorical", "'" + id + "' is not a categorical baseline characteristic");
                }
            }, () -> check.fail(path, "unknown-characteristic", "'" + id + "' is not a baseline characteristic"));
        }
        check.unique("analysis.subgroups", subgroups, Function.identity());
    }

    private static void sampleSize(ProtocolCheck check, SampleSizePlan plan) {
        if (check.protocol().arms().size() != 2) {
            check.fail("analysis.sampleSize", "two-arms", "the sample-size calculation compares two arms");
        }
        if (!(plan.difference() > 0)) {
            check.fail("analysis.sampleSize.difference", "min", "must be greater than 0");
        }
        if (!(plan.sd() > 0)) {
            check.fail("analysis.sampleSize.sd", "min", "must be greater than 0");
        }
        if (!(plan.correlation() > -1 && plan.correlation() < 1)) {
            check.fail("analysis.sampleSize.correlation", "range", "must be greater than -1 and less than 1");
        }
        if (!(plan.alpha() > 0 && plan.alpha() <= 0.5)) {
            check.fail("analysis.sampleSize.alpha", "range", "must be greater than 0 and at most 0.5");
        }
        if (!(plan.power() >= 0.5 && plan.power() < 1)) {
            check.fail("analysis.sampleSize.power", "range", "must be at least 0.5 and less than 1");
        }
        if (!(plan.dropout() >= 0 && plan.dropout() < 1)) {
            check.fail("analysis.sampleSize.dropout", "range", "must be at least 0 and less than 1");
        }
    }
}
