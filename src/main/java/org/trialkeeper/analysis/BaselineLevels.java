package org.trialkeeper.analysis;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A category's row of Table 1: its levels under it, n (%) of those with a value by group and overall. */
final class BaselineLevels {

    private BaselineLevels() {
    }

    /** The levels by group and overall; the chi-square test across them when asked. */
    static BaselineTable.Row of(TrialData.Characteristic characteristic, Cohort people, List<String> groups,
                                Map<String, String> labels, boolean tests) {
        List<String> levels = characteristic.levels();
        long[][] table = new long[groups.size()][levels.size()];
        long[] overall = new long[levels.size()];
        long[] withValue = new long[groups.size() + 1];
        Cohort.BaselineColumn column = people.baseline.get(characteristic.id());
        int[] levelOf = column.texts().stream().mapToInt(levels::indexOf).toArray();
        int[] groupOf = people.armCodes.stream().mapToInt(groups::indexOf).toArray();
        for (int person = 0; person < people.size(); person++) {
            int arm = people.arms[person];
            int category = column.categories()[person];
            if (arm == Cohort.NONE || category == Cohort.NONE || levelOf[category] < 0) {
                continue;
            }
            int level = levelOf[category];
            int group = groupOf[arm];
            overall[level]++;
            withValue[groups.size()]++;
            if (group >= 0) {
                table[group][level]++;
                withValue[group]++;
            }
        }
        List<BaselineTable.Level> rows = new ArrayList<>();
        for (int level = 0; level < levels.size(); level++) {
            List<BaselineTable.Cell> cells = new ArrayList<>();
            for (int group = 0; group < groups.size(); group++) {
                cells.add(cell(labels.get(groups.get(group)), withValue[group], table[group][level]));
            }
            cells.add(cell(BaselineTable.OVERALL, withValue[groups.size()], overall[level]));
            rows.add(new BaselineTable.Level(levels.get(level), characteristic.levelLabel(level), cells));
        }
        return new BaselineTable.Row(characteristic.id(), characteristic.label(), BaselineTable.Kind.CATEGORY, null, rows,
                tests && !groups.isEmpty() ? chiSquare(table) : null);
    }

    /**
     * How a level is read: the protocol names levels by codes such as "master-or-higher", shown as
     * "Master or higher".
     */
    static String label(String level) {
        String words = level.replace('-', ' ').replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static BaselineTable.Test chiSquare(long[][] table) {
        // the test needs every row and column to hold someone
        for (long[] row : table) {
            if (Arrays.stream(row).sum() == 0) {
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
        return new BaselineTable.Test("chi-square", result.getStatistic(), (table.length - 1.0) * (table[0].length - 1.0),
                result.getPValue());
    }

    private static BaselineTable.Cell cell(String group, long n, long count) {
        return new BaselineTable.Cell(group, n, null, null, count, n == 0 ? null : 100.0 * count / n);
    }
}
