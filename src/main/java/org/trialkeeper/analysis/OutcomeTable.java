package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.statistics.distribution.FDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each outcome by arm: baseline and post mean (SD) of the participants analysed, the numbers
 * with data at each timepoint (CONSORT 2025 item 26), and, when results by arm may be shown,
 * the ANCOVA of post on baseline and arm with the homogeneity-of-slopes check.
 */
public final class OutcomeTable {

    private OutcomeTable() {
    }

    @Serdeable
    public record Summary(long n, Double mean, Double sd, Double ciLower, Double ciUpper) {
    }

    /** @param intervention whether this is the intervention arm; null for the pooled group of a blinded report */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ArmSummary(String group, long analysed, Map<String, Long> withData, Summary baseline, Summary post,
                             Boolean intervention) {
    }

    /** The arm-by-baseline interaction: a small p says the arms' slopes differ and the ANCOVA's assumption is in doubt. */
    @Serdeable
    public record SlopesCheck(double f, int df1, int df2, double p, String note) {
    }

    /**
     * The ANCOVA's figures; {@code difference} and the adjusted means repeat the flat figures with
     * their SEs and t-based 95% CIs, and {@code standardised} is the difference in SDs.
     */
    @Serdeable
    public record AncovaResult(int n, double f, int df1, int df2, double p, double partialEtaSquared,
                               double adjustedDifference, double differenceLower, double differenceUpper,
                               double adjustedMeanIntervention, double adjustedMeanControl, SlopesCheck slopes,
                               Estimate difference, Estimate interventionMean, Estimate controlMean,
                               StandardisedEffect standardised) {
    }

    @Serdeable
    public record Row(String outcome, String label, String timepoint, boolean primary, List<ArmSummary> arms,
                      AncovaResult ancova, String ancovaMissingBecause) {
    }

    /**
     * @param groups      the arms' codes, in order
     * @param labels      the label each arm is shown under
     * @param byArm       false for a blinded report: one group of everyone, and no ANCOVA
     */
    public static List<Row> of(TrialData data, List<String> groups, Map<String, String> labels, boolean byArm) {
        return of(data, groups, labels, byArm, person -> true);
    }

    /** The same of a narrower population: those of the primary analysis whom {@code population} also keeps. */
    static List<Row> of(TrialData data, List<String> groups, Map<String, String> labels, boolean byArm,
                        java.util.function.IntPredicate population) {
        String intervention = data.arms().stream().filter(TrialData.ArmInfo::intervention).map(TrialData.ArmInfo::code)
                .findFirst().orElse(null);
        Cohort people = data.people();
        int[] usable = java.util.stream.IntStream.range(0, people.size()).filter(p -> analysed(people, p) && population.test(p))
                .toArray();
        List<Row> rows = new ArrayList<>();
        for (TrialData.OutcomeInfo outcome : data.outcomes()) {
            List<ArmSummary> arms = new ArrayList<>();
            List<Ancova.Observation> observations = new ArrayList<>();
            for (String group : byArm ? groups : java.util.Collections.<String>singletonList(null)) {
                int arm = group == null ? Cohort.NONE : people.armCode(group);
                int[] members = java.util.Arrays.stream(usable)
                        .filter(p -> group == null || arm != Cohort.NONE && people.arms[p] == arm).toArray();
                arms.add(armSummary(data, people, outcome, group == null ? "All" : labels.get(group), members, intervention,
                        observations, group == null ? null : group.equals(intervention)));
            }
            rows.add(byArm ? analysed(outcome, arms, observations) : new Row(outcome.key(), outcome.label(),
                    outcome.timepoint(), outcome.primary(), arms, null, "results by arm are shown only after the trial is LOCKED"));
        }
        return rows;
    }

    /**
     * Whether the primary analysis keeps the person: randomised, not excluded from analysis, and
     * not withdrawn without consent to use their data.
     */
    static boolean analysed(Cohort people, int person) {
        return people.randomised(person) && people.keepData(person) && people.status(person) != Status.EXCLUDED_FROM_ANALYSIS;
    }

    /** One group's figures; its complete cases are added to the observations for the ANCOVA. */
    private static ArmSummary armSummary(TrialData data, Cohort people, TrialData.OutcomeInfo outcome, String group,
                                         int[] members, String intervention,
                                         List<Ancova.Observation> observations, Boolean isIntervention) {
        ScoreKey baselineKey = outcome.at(data.baselineTimepoint());
        ScoreKey postKey = outcome.at(outcome.timepoint());
        Map<String, Long> withData = new java.util.LinkedHashMap<>();
        for (String timepoint : data.timepoints()) {
            ScoreKey key = outcome.at(timepoint);
            withData.put(timepoint, java.util.Arrays.stream(members).filter(p -> people.hasScore(key, p)).count());
        }
        int first = observations.size();
        int interventionArm = intervention == null ? Cohort.NONE : people.armCode(intervention);
        for (int p : members) {
            double before = people.score(baselineKey, p);
            double after = people.score(postKey, p);
            if (!Double.isNaN(before) && !Double.isNaN(after)) {
                observations.add(new Ancova.Observation(before, after, people.arms[p] == interventionArm));
            }
        }
        List<Ancova.Observation> complete = observations.subList(first, observations.size());
        return new ArmSummary(group, complete.size(), withData,
                summary(complete.stream().mapToDouble(Ancova.Observation::baseline).toArray()),
                summary(complete.stream().mapToDouble(Ancova.Observation::post).toArray()), isIntervention);
    }

    /** The row with its ANCOVA, or with why there is none. */
    private static Row analysed(TrialData.OutcomeInfo outcome, List<ArmSummary> arms, List<Ancova.Observation> observations) {
        AncovaResult ancova = null;
        String missing = null;
        try {
            Ancova.Result r = Ancova.fit(observations);
            ancova = new AncovaResult(r.n(), r.f(), r.dfArm(), r.dfResidual(), r.p(), r.partialEtaSquared(),
                    r.adjustedDifference(), r.differenceLower(), r.differenceUpper(), r.adjustedMeanIntervention(),
                    r.adjustedMeanControl(), slopes(observations, r.residualSumOfSquares()), r.difference(),
                    r.meanIntervention(), r.meanControl(), StandardisedEffect.of(observations, r));
        } catch (IllegalArgumentException e) {
            missing = e.getMessage();
        }
        return new Row(outcome.key(), outcome.label(), outcome.timepoint(), outcome.primary(), arms, ancova, missing);
    }

    /** F test of the arm-by-baseline interaction added to the ANCOVA model, whose residual sum of squares is given. */
    static SlopesCheck slopes(List<Ancova.Observation> observations, double rssReduced) {
        int n = observations.size();
        if (n < 6) {
            return null;
        }
        double[] y = new double[n];
        double[][] full = new double[n][3];
        for (int i = 0; i < n; i++) {
            Ancova.Observation o = observations.get(i);
            double arm = o.intervention() ? 1 : 0;
            y[i] = o.post();
            full[i] = new double[]{o.baseline(), arm, o.baseline() * arm};
        }
        double rssFull = rss(y, full);
        int df2 = n - 4;
        // an exact fit leaves only rounding between the two sums of squares
        double f = Math.max(0, rssReduced - rssFull) / (rssFull / df2);
        double p = FDistribution.of(1, df2).survivalProbability(f);
        return new SlopesCheck(f, 1, df2, p, p < 0.05
                ? "the arms' regression slopes on baseline differ (p < 0.05): read the adjusted difference with care"
                : "no evidence that the arms' slopes on baseline differ");
    }

    private static double rss(double[] y, double[][] x) {
        OLSMultipleLinearRegression model = new OLSMultipleLinearRegression();
        model.newSampleData(y, x);
        return model.calculateResidualSumOfSquares();
    }

    private static Summary summary(double[] values) {
        if (values.length == 0) {
            return new Summary(0, null, null, null, null);
        }
        Descriptives d = Descriptives.of(values);
        if (values.length < 2) {
            return new Summary(1, d.mean(), null, null, null);
        }
        double half = org.apache.commons.statistics.distribution.TDistribution.of(values.length - 1.0)
                .inverseCumulativeProbability(0.975) * d.standardDeviation() / Math.sqrt(values.length);
        return new Summary(d.n(), d.mean(), d.standardDeviation(), d.mean() - half, d.mean() + half);
    }
}
