package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.trialkeeper.protocol.Arm;

import java.util.List;

/** The arms and their allocation ratio, e.g. 2:1: draws by ratio and compares counts relative to it. */
record ArmWeights(List<String> codes, List<Integer> ratios) {

    static ArmWeights of(List<Arm> arms) {
        return new ArmWeights(arms.stream().map(Arm::code).toList(), arms.stream().map(Arm::ratio).toList());
    }

    int ratioSum() {
        return ratios.stream().mapToInt(Integer::intValue).sum();
    }

    int size() {
        return codes.size();
    }

    /** An arm drawn with probability ratio / ratio sum. */
    int draw(UniformRandomProvider rng) {
        int ticket = rng.nextInt(ratioSum());
        for (int arm = 0; arm < ratios.size(); arm++) {
            ticket -= ratios.get(arm);
            if (ticket < 0) {
                return arm;
            }
        }
        throw new IllegalStateException("ratios must be positive");
    }

    int index(String code) {
        int index = codes.indexOf(code);
        if (index < 0) {
            throw new IllegalArgumentException("unknown arm " + code);
        }
        return index;
    }
}
