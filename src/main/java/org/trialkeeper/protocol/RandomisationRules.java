package org.trialkeeper.protocol;

import java.util.List;
import java.util.function.Function;

/** The settings of the allocation scheme: each applies only to the schemes that use it. */
final class RandomisationRules {

    private RandomisationRules() {
    }

    static void check(ProtocolCheck check) {
        Randomisation randomisation = check.protocol().randomisation();
        Scheme scheme = randomisation.scheme();
        if (scheme.usesBlocks()) {
            blockSizes(check, randomisation.blockSizes());
        } else {
            check.notApplicable("randomisation.blockSizes", !randomisation.blockSizes().isEmpty(), scheme);
        }
        if (scheme == Scheme.STRATIFIED_BLOCKS) {
            strata(check, randomisation.stratifyBy());
        } else {
            check.notApplicable("randomisation.stratifyBy", !randomisation.stratifyBy().isEmpty(), scheme);
        }
        if (scheme == Scheme.MINIMISATION) {
            minimisation(check, randomisation);
        } else {
            check.notApplicable("randomisation.factors", !randomisation.factors().isEmpty(), scheme);
            check.notApplicable("randomisation.minimisingArmProbability",
                    randomisation.minimisingArmProbability() != null, scheme);
        }
    }

    private static void blockSizes(ProtocolCheck check, List<Integer> blockSizes) {
        int ratioSum = check.protocol().arms().stream().mapToInt(Arm::ratio).sum();
        if (blockSizes.isEmpty()) {
            check.fail("randomisation.blockSizes", "required", "a block scheme needs at least one block size");
        }
        for (int i = 0; i < blockSizes.size(); i++) {
            int size = blockSizes.get(i);
            if (size < 1 || ratioSum < 1 || size % ratioSum != 0) {
                check.fail("randomisation.blockSizes[" + i + "]", "block-size-multiple",
                        "a block size must be a positive multiple of the ratio sum " + ratioSum);
            }
        }
        check.unique("randomisation.blockSizes", blockSizes, Function.identity());
    }

    private static void strata(ProtocolCheck check, List<String> stratifyBy) {
        if (stratifyBy.isEmpty()) {
            check.fail("randomisation.stratifyBy", "required", "stratified blocks need at least one factor");
        }
        for (int i = 0; i < stratifyBy.size(); i++) {
            factor(check, "randomisation.stratifyBy[" + i + "]", stratifyBy.get(i));
        }
        check.unique("randomisation.stratifyBy", stratifyBy, Function.identity());
    }

    private static void minimisation(ProtocolCheck check, Randomisation randomisation) {
        List<MinimisationFactor> factors = randomisation.factors();
        if (factors.isEmpty()) {
            check.fail("randomisation.factors", "required", "minimisation needs at least one factor");
        }
        for (int i = 0; i < factors.size(); i++) {
            factor(check, "randomisation.factors[" + i + "].factor", factors.get(i).factor());
            if (!(factors.get(i).weight() > 0)) {
                check.fail("randomisation.factors[" + i + "].weight", "min", "a factor weight must be greater than 0");
            }
        }
        check.unique("randomisation.factors", factors, MinimisationFactor::factor);
        Double probability = randomisation.minimisingArmProbability();
        if (probability == null) {
            check.fail("randomisation.minimisingArmProbability", "required",
                    "minimisation needs the probability of the minimising arm");
        } else if (probability < 0.5 || probability > 1) {
            check.fail("randomisation.minimisingArmProbability", "range", "must be between 0.5 and 1");
        }
    }

    private static void factor(ProtocolCheck check, String path, String factor) {
        if (Randomisation.SITE_FACTOR.equals(factor)) {
            return;
        }
        check.protocol().characteristic(factor).ifPresentOrElse(characteristic -> {
            if (characteristic.type() != CharacteristicType.CATEGORY) {
                check.fail(path, "not-categorical", "'" + factor + "' is not a categorical baseline characteristic");
            }
        }, () -> check.fail(path, "unknown-factor", "'" + factor + "' is neither 'site' nor a baseline characteristic"));
    }
}
