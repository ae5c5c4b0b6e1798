package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The sample size for the baseline-adjusted (ANCOVA) comparison of two arms, by the closed
 * normal-approximation formula: adjusting for a baseline that correlates rho with the outcome
 * shrinks the variance of the difference by the factor (1 - rho^2) (Borm, Fransen and Lemmens,
 * J Clin Epidemiol 2007). The numbers analysed are inflated for the expected dropout; for the
 * protocol's target the smallest difference detectable and the power for the planned one follow
 * from the same formula.
 */
public final class SampleSize {

    static final String FORMULA = "N = (z[1 - alpha/2] + z[power])^2 * sd^2 * (1 - rho^2) * (1/p + 1/(1 - p)) / difference^2 "
            + "analysed, p the intervention arm's share; each arm ceil(N * share), enrolled ceil(analysed / (1 - dropout)); "
            + "detectable difference at the target = (z[1 - alpha/2] + z[power]) * sd * sqrt((1 - rho^2) "
            + "* (1/m1 + 1/m2)), m = target * share * (1 - dropout)";

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private SampleSize() {
    }

    /** What the protocol states: the arms' allocation ratio and the target n, and the planning values. */
    public record Plan(double difference, double sd, double correlation, double alpha, double power, double dropout,
                       int interventionRatio, int controlRatio, int target) {
    }

    @Serdeable
    public record Result(double difference, double sd, double correlation, double alpha, double power, double dropout,
                         double designFactor, int analysedIntervention, int analysedControl, int enrolledIntervention,
                         int enrolledControl, int required, int target, double detectableDifference,
                         double powerAtTarget, String method) {
    }

    public static Result of(Plan plan) {
        double share = plan.interventionRatio() / (double) (plan.interventionRatio() + plan.controlRatio());
        double designFactor = 1 - plan.correlation() * plan.correlation();
        double z = NORMAL.inverseCumulativeProbability(1 - plan.alpha() / 2) + NORMAL.inverseCumulativeProbability(plan.power());
        double analysed = z * z * plan.sd() * plan.sd() * designFactor * (1 / share + 1 / (1 - share))
                / (plan.difference() * plan.difference());
        int intervention = (int) Math.ceil(analysed * share);
        int control = (int) Math.ceil(analysed * (1 - share));
        int enrolledIntervention = (int) Math.ceil(intervention / (1 - plan.dropout()));
        int enrolledControl = (int) Math.ceil(control / (1 - plan.dropout()));
        double kept = plan.target() * (1 - plan.dropout());
        double standardError = plan.sd() * Math.sqrt(designFactor * (1 / (kept * share) + 1 / (kept * (1 - share))));
        double powerAtTarget = NORMAL.cumulativeProbability(plan.difference() / standardError
                - NORMAL.inverseCumulativeProbability(1 - plan.alpha() / 2));
        return new Result(plan.difference(), plan.sd(), plan.correlation(), plan.alpha(), plan.power(), plan.dropout(),
                designFactor, intervention, control, enrolledIntervention, enrolledControl,
                enrolledIntervention + enrolledControl, plan.target(), z * standardError, powerAtTarget,
                "normal approximation, two-sided: " + FORMULA);
    }
}
