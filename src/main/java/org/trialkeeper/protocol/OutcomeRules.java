package org.trialkeeper.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * When the instruments are given, and the outcomes compared from them: each outcome is measured
 * at baseline and at its own later timepoint, as the baseline-adjusted analysis needs.
 */
final class OutcomeRules {

    private OutcomeRules() {
    }

    static void timepoints(ProtocolCheck check) {
        List<Timepoint> timepoints = check.protocol().timepoints();
        check.unique("timepoints", timepoints, Timepoint::id);
        long baselines = timepoints.stream().filter(t -> t.kind() == TimepointKind.BASELINE).count();
        if (baselines != 1) {
            check.fail("timepoints", "one-baseline", "exactly one timepoint must be of kind baseline");
        }
        if (timepoints.stream().noneMatch(t -> t.kind() == TimepointKind.POST)) {
            check.fail("timepoints", "post-required", "at least one timepoint must be of kind post");
        }
        int baselineWeek = timepoints.stream().filter(t -> t.kind() == TimepointKind.BASELINE)
                .mapToInt(Timepoint::week).min().orElse(0);
        for (int i = 0; i < timepoints.size(); i++) {
            timepoint(check, "timepoints[" + i + "]", timepoints.get(i), baselineWeek);
        }
    }

    private static void timepoint(ProtocolCheck check, String path, Timepoint timepoint, int baselineWeek) {
        check.code(path + ".id", timepoint.id());
        if (timepoint.week() < 0) {
            check.fail(path + ".week", "min", "must not be negative");
        } else if (timepoint.kind() != TimepointKind.BASELINE && timepoint.week() <= baselineWeek) {
            check.fail(path + ".week", "week-order", "must come after the baseline week");
        }
        for (int j = 0; j < timepoint.instruments().size(); j++) {
            String instrument = timepoint.instruments().get(j);
            if (check.protocol().instrument(instrument).isEmpty()) {
                check.fail(path + ".instruments[" + j + "]", "unknown-instrument",
                        "no instrument has id '" + instrument + "'");
            }
        }
        check.unique(path + ".instruments", timepoint.instruments(), Function.identity());
    }

    static void outcomes(ProtocolCheck check) {
        Outcomes outcomes = check.protocol().outcomes();
        if (outcomes.primary().isEmpty()) {
            check.fail("outcomes.primary", "min-items", "at least one primary outcome is required");
        }
        Set<Outcome> seen = new HashSet<>();
        outcomeList(check, "outcomes.primary", outcomes.primary(), seen);
        outcomeList(check, "outcomes.secondary", outcomes.secondary(), seen);
    }

    private static void outcomeList(ProtocolCheck check, String path, List<Outcome> outcomes, Set<Outcome> seen) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String at = path + "[" + i + "]";
            if (!seen.add(outcome)) {
                check.fail(at, "duplicate-outcome", "the same outcome is named twice");
            }
            instrumentOf(check, at, outcome);
            timepointOf(check, at, outcome);
        }
    }

    private static void instrumentOf(ProtocolCheck check, String at, Outcome outcome) {
        check.protocol().instrument(outcome.instrument()).ifPresentOrElse(instrument -> {
            if (outcome.subscale() != null
                    && instrument.subscales().stream().noneMatch(s -> s.id().equals(outcome.subscale()))) {
                check.fail(at + ".subscale", "unknown-subscale", "instrument '" + instrument.id()
                        + "' has no subscale '" + outcome.subscale() + "'");
            }
        }, () -> check.fail(at + ".instrument", "unknown-instrument",
                "no instrument has id '" + outcome.instrument() + "'"));
    }

    private static void timepointOf(ProtocolCheck check, String at, Outcome outcome) {
        check.protocol().timepoint(outcome.timepoint()).ifPresentOrElse(timepoint -> {
            if (timepoint.kind() == TimepointKind.BASELINE) {
                check.fail(at + ".timepoint", "outcome-at-baseline", "an outcome is compared after baseline");
            } else if (!measuredAt(outcome.instrument(), timepoint)
                    || !measuredAtBaseline(check.protocol(), outcome.instrument())) {
                check.fail(at + ".instrument", "not-measured", "the instrument must be given at baseline and at '"
                        + timepoint.id() + "' for the baseline-adjusted analysis");
            }
        }, () -> check.fail(at + ".timepoint", "unknown-timepoint",
                "no timepoint has id '" + outcome.timepoint() + "'"));
    }

    private static boolean measuredAt(String instrument, Timepoint timepoint) {
        return timepoint.instruments().contains(instrument);
    }

    private static boolean measuredAtBaseline(Protocol protocol, String instrument) {
        return protocol.timepoints().stream()
                .anyMatch(t -> t.kind() == TimepointKind.BASELINE && measuredAt(instrument, t));
    }
}
