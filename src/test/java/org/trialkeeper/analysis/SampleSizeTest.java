package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RFigures;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RFigures.agrees;

/** The ANCOVA sample size against the closed formula evaluated in R, and pwr's solution for equal arms. */
class SampleSizeTest {

    private static final List<SampleSize.Plan> PLANS = List.of(
            new SampleSize.Plan(10, 15, 0.5, 0.05, 0.8, 0.1, 1, 1, 30),
            new SampleSize.Plan(5, 12, 0.7, 0.05, 0.9, 0.2, 1, 1, 60),
            new SampleSize.Plan(3, 10, 0, 0.01, 0.8, 0, 2, 1, 120),
            new SampleSize.Plan(8, 14, -0.3, 0.1, 0.95, 0.15, 1, 3, 200));

    @Test
    void agreesWithTheClosedFormulaInR() {
        for (SampleSize.Plan plan : PLANS) {
            Map<String, Double> r = RFigures.run("/reference/sample-size.R", String.valueOf(plan.difference()),
                    String.valueOf(plan.sd()), String.valueOf(plan.correlation()), String.valueOf(plan.alpha()),
                    String.valueOf(plan.power()), String.valueOf(plan.dropout()), String.valueOf(plan.interventionRatio()),
                    String.valueOf(plan.controlRatio()), String.valueOf(plan.target()));
            SampleSize.Result result = SampleSize.of(plan);
            agrees(r, "analysedIntervention", result.analysedIntervention());
            agrees(r, "analysedControl", result.analysedControl());
            agrees(r, "enrolledIntervention", result.enrolledIntervention());
            agrees(r, "enrolledControl", result.enrolledControl());
            agrees(r, "detectableDifference", result.detectableDifference());
            agrees(r, "powerAtTarget", result.powerAtTarget());
            assertEquals(result.enrolledIntervention() + result.enrolledControl(), result.required());
            if (plan.interventionRatio() == plan.controlRatio()) {
                agrees(r, "pwrPerArm", result.analysedIntervention());
            }
        }
    }

    @Test
    void aCorrelatedBaselineNeedsFewerParticipantsAndDropoutMore() {
        SampleSize.Result unadjusted = SampleSize.of(new SampleSize.Plan(10, 15, 0, 0.05, 0.8, 0, 1, 1, 30));
        SampleSize.Result adjusted = SampleSize.of(new SampleSize.Plan(10, 15, 0.6, 0.05, 0.8, 0, 1, 1, 30));
        SampleSize.Result withDropout = SampleSize.of(new SampleSize.Plan(10, 15, 0.6, 0.05, 0.8, 0.2, 1, 1, 30));
        assertTrue(adjusted.required() < unadjusted.required());
        assertTrue(withDropout.required() > adjusted.required());
        assertEquals(adjusted.analysedIntervention(), withDropout.analysedIntervention());
        assertTrue(adjusted.detectableDifference() < unadjusted.detectableDifference());
    }
}
