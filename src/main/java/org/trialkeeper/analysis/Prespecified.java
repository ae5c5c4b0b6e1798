package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What the protocol planned beside the primary analysis: the sample size, the per-protocol
 * analysis of the outcomes and the subgroup analyses. The last two are by arm, so a blinded
 * report has only the sample size.
 *
 * @param perProtocol the outcomes among those the primary analysis keeps and the per-protocol rule does not exclude
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prespecified(SampleSize.Result sampleSize, List<OutcomeTable.Row> perProtocol,
                           List<Subgroups.Row> subgroups, String note) {

    /** The protocol's plan in the analysis package's terms; a null sample size when it states none. */
    public record Plan(SampleSize.Plan sampleSize, boolean perProtocol, List<String> subgroups) {

        public static final Plan NONE = new Plan(null, false, List.of());

        boolean byArm() {
            return perProtocol || !subgroups.isEmpty();
        }
    }

    /** Null when the protocol plans none of them. */
    static Prespecified of(TrialData data, Plan plan, List<String> groups, Map<String, String> labels, boolean unblinded) {
        SampleSize.Result sampleSize = plan.sampleSize() == null ? null : SampleSize.of(plan.sampleSize());
        if (sampleSize == null && !plan.byArm()) {
            return null;
        }
        if (!unblinded) {
            return new Prespecified(sampleSize, null, null, plan.byArm()
                    ? "the per-protocol and subgroup analyses are by arm and are shown after the trial is LOCKED" : null);
        }
        Cohort people = data.people();
        return new Prespecified(sampleSize,
                plan.perProtocol() ? OutcomeTable.of(data, groups, labels, true, p -> !people.perProtocolExcluded(p)) : null,
                plan.subgroups().isEmpty() ? null : Subgroups.of(data, plan.subgroups()), null);
    }
}
