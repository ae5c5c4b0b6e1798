package org.trialkeeper.report;

import org.trialkeeper.analysis.OutcomeTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value axis with round ticks: a step of 1, 2, 2.5 or 5 times a power of ten near a quarter of
 * the values' range, from the multiple of the step below the lowest value to the one above the
 * highest, so that every tick reads as a round number (80, 90, 100, not 82.7, 95.1).
 */
record AxisScale(double min, double max, double step) {

    /** From every mean and CI limit of the groups; empty when no group has a mean. */
    static Optional<AxisScale> of(List<OutcomeTable.ArmSummary> arms) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (OutcomeTable.ArmSummary arm : arms) {
            for (OutcomeTable.Summary s : List.of(arm.baseline(), arm.post())) {
                if (s.mean() != null) {
                    low = Math.min(low, s.ciLower() == null ? s.mean() : s.ciLower());
                    high = Math.max(high, s.ciUpper() == null ? s.mean() : s.ciUpper());
                }
            }
        }
        return low == Double.MAX_VALUE ? Optional.empty() : Optional.of(between(low, high));
    }

    static AxisScale between(double low, double high) {
        double range = high - low;
        if (range <= 0) {
            range = Math.max(Math.abs(low) * 0.1, 1);
        }
        double step = round(range / 4);
        double min = Math.floor(low / step) * step;
        double max = Math.ceil(high / step) * step;
        if (max - min < step * 2) {
            min -= step;
            max += step;
        }
        return new AxisScale(min, max, step);
    }

    /** The round step at or below the rough one: 1, 2, 2.5 or 5 times a power of ten. */
    private static double round(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
        return nice * power;
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** A tick as written: no more decimals than the step has. */
    String label(double tick) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(tick).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
