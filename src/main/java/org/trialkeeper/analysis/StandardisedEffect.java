package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The ANCOVA's adjusted difference in standard deviations, as a meta-analysis pools it: Hedges'
 * g from an ANCOVA (Borenstein, Hedges, Higgins and Rothstein, Introduction to Meta-Analysis,
 * 2009, chapter 12). d is the adjusted difference over the pooled within-arm SD of the post
 * scores, so that it is on the scale of studies that did not adjust; the baseline narrows only
 * its variance, through the share R^2 of the post scores' within-arm variance that the baseline
 * explains.
 *
 * @param estimate g with its SE and normal-based 95% CI
 * @param withinArmR2 1 - SS_residual / SS_within(post), the R^2 in the variance of d
 */
@Serdeable
public record StandardisedEffect(String measure, Estimate estimate, double pooledPostSd, double withinArmR2,
                                 String definition) {

    static final String DEFINITION = "g = J * d, d = adjusted difference / pooled within-arm SD of post, "
            + "J = 1 - 3 / (4 * (n1 + n2 - 3) - 1), "
            + "SE(g) = J * sqrt((n1 + n2) * (1 - R^2) / (n1 * n2) + d^2 / (2 * (n1 + n2))), "
            + "R^2 = 1 - SS_residual / SS_within(post), 95% CI g +/- 1.96 SE(g)";

    static StandardisedEffect of(List<Ancova.Observation> observations, Ancova.Result ancova) {
        double[] sums = new double[2];
        double[] squares = new double[2];
        long[] n = new long[2];
        for (Ancova.Observation o : observations) {
            int arm = o.intervention() ? 0 : 1;
            n[arm]++;
            sums[arm] += o.post();
        }
        for (Ancova.Observation o : observations) {
            int arm = o.intervention() ? 0 : 1;
            double deviation = o.post() - sums[arm] / n[arm];
            squares[arm] += deviation * deviation;
        }
        double within = squares[0] + squares[1];
        double total = n[0] + n[1];
        double pooledSd = Math.sqrt(within / (total - 2));
        double r2 = 1 - ancova.residualSumOfSquares() / within;
        double d = ancova.adjustedDifference() / pooledSd;
        double j = 1 - 3 / (4 * (total - 3) - 1);
        double varianceOfD = total * (1 - r2) / (n[0] * (double) n[1]) + d * d / (2 * total);
        return new StandardisedEffect("Hedges' g (ANCOVA-adjusted)", Estimate.of(j * d, j * Math.sqrt(varianceOfD)),
                pooledSd, r2, DEFINITION);
    }
}
