package org.trialkeeper.randomisation.scheme;

import java.security.SecureRandom;

/** A trial's secret seed: 128 bits from SecureRandom, which keys its {@link SequenceStream}. */
public final class Seeds {

    public static final int BYTES = 16;

    private Seeds() {
    }

    public static byte[] fresh() {
        byte[] seed = new byte[BYTES];
        new SecureRandom().nextBytes(seed);
        return seed;
    }
}
