package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.commons.statistics.inference.TTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Table 1, baseline characteristics of everyone randomised, by arm and overall: each column
 * with its n; a number as mean (SD) of those with a value; a category with its levels under it,
 * n (%) of those with a value; then each outcome's score at baseline, mean (SD). Without groups
 * it is the overall column alone, as a blinded report shows it. Tests of baseline differences
 * (Welch's t, chi-square) are given only when asked, since CONSORT advises against them.
 */
public final class BaselineTable {

    static final String OVERALL = "Overall";

    private BaselineTable() {
    }

    /** A column's heading: the group and how many were randomised to it. */
    @Serdeable
    public record Column(String group, long n) {
    }

    /** One group's figures: for a number n, mean and SD; for a level the count and its percentage of n. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String group, long n, Double mean, Double sd, Long count, Double percent) {
    }

    @Serdeable
    public record Test(String name, double statistic, double df, double p) {
    }

    /** What a row describes: a numeric characteristic, a category, or an outcome's score at baseline. */
    @Serdeable
    public enum Kind {
        NUMBER, CATEGORY, OUTCOME
    }

    /** A level of a category, under its characteristic, with its label for the reader. */
    @Serdeable
    public record Level(String level, String label, List<Cell> cells) {
    }

    /** A characteristic: cells for a number or an outcome, levels for a category; the test when asked. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String characteristic, String label, Kind kind, List<Cell> cells, List<Level> levels, Test test) {
    }

    @Serdeable
    public record Table(List<Column> columns, List<Row> rows) {
    }

    /**
     * @param groups  the arms' codes, in order
     * @param labels  the label each arm is shown under
     */
    public static Table of(TrialData data, List<String> groups, Map<String, String> labels, boolean tests) {
        Cohort people = data.people();
        List<Row> rows = new ArrayList<>();
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            if (characteristic.numeric()) {
                rows.add(numeric(characteristic.id(), characteristic.label(), Kind.NUMBER,
                        people.baseline.get(characteristic.id()).numbers(), people, groups, labels, tests));
            } else {
                rows.add(BaselineLevels.of(characteristic, people, groups, labels, tests));
            }
        }
        for (TrialData.OutcomeInfo outcome : data.outcomes()) {
            ScoreKey key = outcome.at(data.baselineTimepoint());
            double[] scores = people.scores.get(key);
            if (scores != null && rows.stream().noneMatch(r -> r.kind() == Kind.OUTCOME && r.characteristic().equals(outcome.key()))) {
                rows.add(numeric(outcome.key(), outcome.label(), Kind.OUTCOME, scores, people, groups, labels, tests));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (String group : groups) {
            columns.add(new Column(labels.get(group), members(people, group).length));
        }
        columns.add(new Column(OVERALL, members(people, null).length));
        return new Table(columns, rows);
    }

    /** Mean (SD) by group and overall, with Welch's t between two arms when asked. */
    private static Row numeric(String id, String label, Kind kind, double[] column, Cohort people,
                               List<String> groups, Map<String, String> labels, boolean tests) {
        List<Cell> cells = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String group : groups) {
            double[] v = values(column, members(people, group));
            values.add(v);
            cells.add(numeric(labels.get(group), v));
        }
        cells.add(numeric(OVERALL, values(column, members(people, null))));
        Test test = null;
        if (tests && values.size() == 2 && values.get(0).length > 1 && values.get(1).length > 1) {
            TTest.Result t = TTest.withDefaults().test(values.get(0), values.get(1));
            test = new Test("Welch t", t.getStatistic(), t.getDegreesOfFreedom(), t.getPValue());
        }
        return new Row(id, label, kind, cells, null, test);
    }

    /** The randomised people in the group (everyone randomised if null), in the order of their ids. */
    static int[] members(Cohort people, String group) {
        int arm = group == null ? Cohort.NONE : people.armCode(group);
        if (group != null && arm == Cohort.NONE) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, people.size())
                .filter(p -> group == null ? people.randomised(p) : people.arms[p] == arm).toArray();
    }

    private static double[] values(double[] column, int[] members) {
        return Arrays.stream(members).mapToDouble(p -> column[p]).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static Cell numeric(String group, double[] values) {
        if (values.length == 0) {
            return new Cell(group, 0, null, null, null, null);
        }
        Descriptives d = Descriptives.of(values);
        return new Cell(group, d.n(), d.mean(), values.length > 1 ? d.standardDeviation() : null, null, null);
    }
}
