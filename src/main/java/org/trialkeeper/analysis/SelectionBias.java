package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Berger and Exner's test for selection bias. Each participant's allocation gets the convergence
 * guess a recruiter who knew the earlier allocations would have made: the chance that the guess
 * named the intervention (1, 0, or 1/k when k arms tied). Within each arm each baseline measure
 * is regressed on that guess by least squares. Randomisation leaves the baseline flat against
 * the guess within an arm; a recruiter who enrolled to suit the arm they expected makes it slope.
 */
public final class SelectionBias {

    static final String PREDICTOR = "the chance that a recruiter guessing by the convergence strategy named the"
            + " intervention (1, 0, or 1/k when k arms tied)";

    private SelectionBias() {
    }

    /**
     * One baseline measure in one arm: the slope of the measure on the guess, its t test and the
     * residual degrees of freedom; or why there is none.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String measure, String label, String group, long n, Double estimate, Double standardError,
                      Double t, Integer df, Double p, String reason) {

        /** JSON has no number for an infinite or undefined value: such a figure is left out. */
        public Row {
            estimate = finite(estimate);
            standardError = finite(standardError);
            t = finite(t);
            p = finite(p);
        }

        private static Double finite(Double value) {
            return value == null || Double.isFinite(value) ? value : null;
        }
    }

    @Serdeable
    public record Table(String predictor, List<Row> rows) {
    }

    /**
     * @param groups the arms' codes, in order
     * @param labels the label each arm is shown under
     * @param guess  each person's convergence guess of the intervention, by their place in the cohort; NaN if never randomised
     */
    public static Table of(TrialData data, List<String> groups, Map<String, String> labels, double[] guess) {
        Cohort people = data.people();
        List<Row> rows = new ArrayList<>();
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            if (characteristic.numeric()) {
                rows.addAll(measure(characteristic.id(), characteristic.label(),
                        people.baseline.get(characteristic.id()).numbers(), people, groups, labels, guess));
            }
        }
        List<String> done = new ArrayList<>();
        for (TrialData.OutcomeInfo outcome : data.outcomes()) {
            double[] scores = people.scores.get(outcome.at(data.baselineTimepoint()));
            if (scores != null && !done.contains(outcome.key())) {
                done.add(outcome.key());
                rows.addAll(measure(outcome.key(), outcome.label() + " at " + data.baselineTimepoint(), scores, people,
                        groups, labels, guess));
            }
        }
        return new Table(PREDICTOR, rows);
    }

    private static List<Row> measure(String id, String label, double[] values, Cohort people, List<String> groups,
                                     Map<String, String> labels, double[] guess) {
        List<Row> rows = new ArrayList<>();
        for (String group : groups) {
            int[] members = Arrays.stream(BaselineTable.members(people, group))
                    .filter(p -> !Double.isNaN(values[p]) && !Double.isNaN(guess[p])).toArray();
            rows.add(regression(id, label, labels.get(group), members, values, guess));
        }
        return rows;
    }

    private static Row regression(String id, String label, String group, int[] members, double[] values, double[] guess) {
        double[] y = Arrays.stream(members).mapToDouble(p -> values[p]).toArray();
        double[][] x = Arrays.stream(members).mapToObj(p -> new double[]{guess[p]}).toArray(double[][]::new);
        int n = members.length;
        if (n < 3) {
            return new Row(id, label, group, n, null, null, null, null, null, "fewer than 3 with a value");
        }
        if (Arrays.stream(x).mapToDouble(row -> row[0]).distinct().count() < 2) {
            return new Row(id, label, group, n, null, null, null, null, null, "the guess was the same for everyone");
        }
        LinearModel model = LinearModel.fit(y, x);
        Estimate slope = model.combination(new double[]{0, 1});
        if (!(slope.standardError() > 0) || !Double.isFinite(slope.value() / slope.standardError())) {
            return new Row(id, label, group, n, null, null, null, null, null, "the values lie on one line: no spread left to test");
        }
        return new Row(id, label, group, n, slope.value(), slope.standardError(), slope.value() / slope.standardError(),
                model.dfResidual(), model.p(slope), null);
    }
}
