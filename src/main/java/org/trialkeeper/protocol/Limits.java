package org.trialkeeper.protocol;

import java.util.List;

/**
 * What one trial may ask of the service. A protocol sets how much work opening recruitment,
 * allocating and simulating cause (lists of the target's length in every stratum, kept in memory
 * while the trial recruits), so these bounds keep that work within what one instance serves
 * beside every other trial.
 */
public final class Limits {

    public static final int MAX_TARGET_SAMPLE_SIZE = 100_000;
    public static final int MAX_ARMS = 10;
    public static final int MAX_BLOCK_SIZE = 100;
    public static final int MAX_BLOCK_SIZES = 10;
    public static final int MAX_FACTORS = 10;
    public static final int MAX_STRATA = 1_000;
    /** Strata times the target: the slots of every list together. */
    public static final long MAX_LIST_SLOTS = 1_000_000;

    private Limits() {
    }

    static void check(ProtocolCheck check) {
        Protocol protocol = check.protocol();
        atMost(check, "targetSampleSize", protocol.targetSampleSize(), MAX_TARGET_SAMPLE_SIZE, "max");
        atMost(check, "arms", protocol.arms().size(), MAX_ARMS, "max-items");
        Randomisation randomisation = protocol.randomisation();
        atMost(check, "randomisation.blockSizes", randomisation.blockSizes().size(), MAX_BLOCK_SIZES, "max-items");
        List<Integer> blockSizes = randomisation.blockSizes();
        for (int i = 0; i < blockSizes.size(); i++) {
            atMost(check, "randomisation.blockSizes[" + i + "]", blockSizes.get(i), MAX_BLOCK_SIZE, "max");
        }
        atMost(check, "randomisation.stratifyBy", randomisation.stratifyBy().size(), MAX_FACTORS, "max-items");
        atMost(check, "randomisation.factors", randomisation.factors().size(), MAX_FACTORS, "max-items");
        if (randomisation.scheme() == Scheme.STRATIFIED_BLOCKS) {
            long strata = strata(protocol);
            atMost(check, "randomisation.stratifyBy", strata, MAX_STRATA, "max-strata");
            if (strata <= MAX_STRATA) {
                atMost(check, "targetSampleSize", strata * protocol.targetSampleSize(), MAX_LIST_SLOTS, "max-list-slots");
            }
        }
    }

    /** How many strata the stratification factors make: the product of their numbers of levels. */
    static long strata(Protocol protocol) {
        long strata = 1;
        for (String factor : protocol.randomisation().stratifyBy()) {
            int levels = Randomisation.SITE_FACTOR.equals(factor) ? protocol.sites().size()
                    : protocol.characteristic(factor).map(c -> c.levels() == null ? 1 : c.levels().size()).orElse(1);
            strata = Math.min(strata * Math.max(levels, 1), Long.MAX_VALUE / 1_000_000);
        }
        return strata;
    }

    private static void atMost(ProtocolCheck check, String path, long value, long limit, String rule) {
        if (value > limit) {
            check.fail(path, rule, "at most " + limit + " (" + value + " given)");
        }
    }
}
