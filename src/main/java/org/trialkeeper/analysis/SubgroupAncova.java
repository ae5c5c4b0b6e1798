package org.trialkeeper.analysis;

import org.apache.commons.statistics.distribution.FDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * A subgroup analysis of the ANCOVA: {@code post ~ baseline + arm * subgroup}. The arm-by-subgroup
 * interaction is tested by its type III F, the full model's residual sum of squares against the
 * model without the interaction; for the highest-order term that F is the same whatever the
 * contrasts (R's {@code car::Anova(type = 3)} with {@code contr.sum} gives it too). Each level's
 * adjusted difference (intervention - control) comes from the same full model, with its SE, a
 * t-based 95% CI and p on the full model's residual degrees of freedom.
 */
public final class SubgroupAncova {

    private SubgroupAncova() {
    }

    /** One participant with both values, the arm, and the subgroup level's index (0 to levels - 1). */
    public record Observation(double baseline, double post, boolean intervention, int level) {
    }

    public record Result(int n, double f, int df1, int df2, double p, List<Estimate> differences, List<Double> pValues) {
    }

    /** Every level must hold both arms, or the interaction's coefficients are not determined. */
    public static Result fit(List<Observation> observations, int levels) {
        if (levels < 2) {
            throw new IllegalArgumentException("a subgroup analysis needs at least two levels with both arms");
        }
        int n = observations.size();
        double[] y = new double[n];
        double[][] full = new double[n][2 * levels];
        double[][] reduced = new double[n][levels + 1];
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            double arm = o.intervention() ? 1 : 0;
            y[i] = o.post();
            full[i][0] = o.baseline();
            full[i][1] = arm;
            for (int level = 1; level < levels; level++) {
                double in = o.level() == level ? 1 : 0;
                full[i][1 + level] = in;
                full[i][levels + level] = arm * in;
            }
            System.arraycopy(full[i], 0, reduced[i], 0, levels + 1);
        }
        LinearModel model = LinearModel.fit(y, full);
        LinearModel without = LinearModel.fit(y, reduced);
        int df1 = levels - 1;
        int df2 = model.dfResidual();
        // an exact fit leaves only rounding between the two sums of squares
        double extra = Math.max(0, without.residualSumOfSquares() - model.residualSumOfSquares());
        double f = extra / df1 / (model.residualSumOfSquares() / df2);
        List<Estimate> differences = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            double[] weights = new double[2 * levels + 1];
            weights[2] = 1;
            if (level > 0) {
                weights[1 + levels + level] = 1;
            }
            Estimate difference = model.combination(weights);
            differences.add(difference);
            pValues.add(model.p(difference));
        }
        return new Result(n, f, df1, df2, FDistribution.of(df1, df2).survivalProbability(f), differences, pValues);
    }
}
