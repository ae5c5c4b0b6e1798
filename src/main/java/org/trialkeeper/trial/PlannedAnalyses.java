package org.trialkeeper.trial;

import org.trialkeeper.analysis.Prespecified;
import org.trialkeeper.analysis.SampleSize;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.SampleSizePlan;
import org.trialkeeper.protocol.SensitivityAnalysis;

/** The protocol's planned analyses and sample-size plan in the analysis package's terms. */
public final class PlannedAnalyses {

    private PlannedAnalyses() {
    }

    public static Prespecified.Plan of(Protocol protocol) {
        return new Prespecified.Plan(sampleSize(protocol),
                protocol.analysis().sensitivity().contains(SensitivityAnalysis.PER_PROTOCOL),
                protocol.analysis().subgroups());
    }

    /** The calculation, or null when the protocol states no sample-size plan. */
    static SampleSize.Result calculation(Protocol protocol) {
        SampleSize.Plan plan = sampleSize(protocol);
        return plan == null ? null : SampleSize.of(plan);
    }

    private static SampleSize.Plan sampleSize(Protocol protocol) {
        SampleSizePlan plan = protocol.analysis().sampleSize();
        if (plan == null) {
            return null;
        }
        return new SampleSize.Plan(plan.difference(), plan.sd(), plan.correlation(), plan.alpha(), plan.power(),
                plan.dropout(), ratio(protocol, ArmRole.INTERVENTION), ratio(protocol, ArmRole.CONTROL),
                protocol.targetSampleSize());
    }

    private static int ratio(Protocol protocol, ArmRole role) {
        return protocol.arms().stream().filter(arm -> arm.role() == role).mapToInt(Arm::ratio).findFirst().orElse(1);
    }
}
