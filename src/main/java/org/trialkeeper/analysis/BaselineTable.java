package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.apache.commons.statistics.inference.TTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline table by arm and overall: n, mean (SD) of numeric characteristics and n (%) of
 * each level of a category (percentages of those with a value). Without groups it is the overall
 * column alone, as a blinded report shows it. Tests of baseline differences
 * (Welch's t, chi-square) are given only when asked, since CONSORT advises against them.
 */
public final class BaselineTable {

    private BaselineTable() {
    }

    /** One group's figures: for a number n, mean and SD; for a level the count and its percentage. */
    @Serdeable
    public record Cell(String group, long n, Double mean, Double sd, Long count, Double percent) {
    }

    @Serdeable
    public record Test(String name, double statistic, double df, double p) {
    }

    /** A numeric characteristic (level null) or one level of a category. */
    @Serdeable
    public record Row(String characteristic, String label, String level, List<Cell> cells, Test test) {
    }

    /**
     * @param groups  the arms' codes, in order
     * @param labels  the label each arm is shown under
     */
    public static List<Row> of(TrialData data, List<String> groups, Map<String, String> labels, boolean tests) {
        Cohort randomised = data.people();
        List<Row> rows = new ArrayList<>();
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            if (characteristic.numeric()) {
                rows.add(numeric(characteristic, randomised, groups, labels, tests));
            } else {
                rows.addAll(levels(characteristic, randomised, groups, labels, tests));
            }
        }
        return rows;
    }

    /** Mean (SD) by group and overall, with Welch's t between two arms when asked. */
    private static Row numeric(TrialData.Characteristic characteristic, Cohort randomised,
                               List<String> groups, Map<String, String> labels, boolean tests) {
        List<Cell> cells = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String group : groups) {
            double[] v = numbers(randomised, characteristic.id(), group);
            values.add(v);
            cells.add(numeric(labels.get(group), v));
        }
        cells.add(numeric("Overall", numbers(randomised, characteristic.id(), null)));
        Test test = null;
        if (tests && values.size() == 2 && values.get(0).length > 1 && values.get(1).length > 1) {
            TTest.Result t = TTest.withDefaults().test(values.get(0), values.get(1));
            test = new Test("Welch t", t.getStatistic(), t.getDegreesOfFreedom(), t.getPValue());
        }
        return new Row(characteristic.id(), characteristic.label(), null, cells, test);
    }

    /** One row per level, n (%) by group and overall; the chi-square test, when asked, on the first level's row. */
    private static List<Row> levels(TrialData.Characteristic characteristic, Cohort randomised,
                                    List<String> groups, Map<String, String> labels, boolean tests) {
        long[][] table = new long[groups.size()][characteristic.levels().size()];
        long[] overall = new long[characteristic.levels().size()];
        long[] withValue = new long[groups.size() + 1];
        Cohort.BaselineColumn column = randomised.baseline.get(characteristic.id());
        int[] levelOf = column.texts().stream().mapToInt(text -> characteristic.levels().indexOf(text)).toArray();
        int[] groupOf = randomised.armCodes.stream().mapToInt(groups::indexOf).toArray();
        for (int person = 0; person < randomised.size(); person++) {
            int arm = randomised.arms[person];
            int category = column.categories()[person];
            if (arm == Cohort.NONE || category == Cohort.NONE) {
                continue;
            }
            int level = levelOf[category];
            int group = groupOf[arm];
            if (level >= 0) {
                overall[level]++;
                withValue[groups.size()]++;
            }
            if (level >= 0 && group >= 0) {
                table[group][level]++;
                withValue[group]++;
            }
        }
        Test test = tests && !groups.isEmpty() ? chiSquare(table) : null;
        List<Row> rows = new ArrayList<>();
        for (int level = 0; level < characteristic.levels().size(); level++) {
            List<Cell> cells = new ArrayList<>();
            for (int group = 0; group < groups.size(); group++) {
                cells.add(level(labels.get(groups.get(group)), withValue[group], table[group][level]));
            }
            cells.add(level("Overall", withValue[groups.size()], overall[level]));
            rows.add(new Row(characteristic.id(), characteristic.label(), characteristic.levels().get(level), cells,
                    level == 0 ? test : null));
        }
        return rows;
    }

    private static Test chiSquare(long[][] table) {
        // the test needs every row and column to hold someone
        for (long[] row : table) {
            if (java.util.Arrays.stream(row).sum() == 0) {
                return null;
            }
        }
        for (int column = 0; column < table[0].length; column++) {
            long sum = 0;
            for (long[] row : table) {
                sum += row[column];
            }
            if (sum == 0) {
                return null;
            }
        }
        SignificanceResult result = ChiSquareTest.withDefaults().test(table);
        return new Test("chi-square", result.getStatistic(), (table.length - 1.0) * (table[0].length - 1.0), result.getPValue());
    }

    /** The randomised people's values in the group (everyone's if null), in the order of their ids. */
    private static double[] numbers(Cohort people, String id, String group) {
        double[] column = people.baseline.get(id).numbers();
        int arm = group == null ? Cohort.NONE : people.armCode(group);
        double[] values = new double[people.size()];
        int n = 0;
        for (int person = 0; person < people.size(); person++) {
            boolean member = group == null ? people.randomised(person) : arm != Cohort.NONE && people.arms[person] == arm;
            if (member && !Double.isNaN(column[person])) {
                values[n++] = column[person];
            }
        }
        return java.util.Arrays.copyOf(values, n);
    }

    private static Cell numeric(String group, double[] values) {
        if (values.length == 0) {
            return new Cell(group, 0, null, null, null, null);
        }
        Descriptives d = Descriptives.of(values);
        return new Cell(group, d.n(), d.mean(), values.length > 1 ? d.standardDeviation() : null, null, null);
    }

    private static Cell level(String group, long n, long count) {
        return new Cell(group, n, null, null, count, n == 0 ? null : 100.0 * count / n);
    }
}
