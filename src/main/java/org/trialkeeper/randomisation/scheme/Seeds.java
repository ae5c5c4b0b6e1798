package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A trial's secret seed (128 bits from SecureRandom) and the generators derived from it:
 * one for the allocation lists, and one per minimisation decision, so that any decision can
 * be replayed on its own when the sequence is verified.
 */
public final class Seeds {

    public static final int BYTES = 16;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    public static byte[] fresh() {
        byte[] seed = new byte[BYTES];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    public static UniformRandomProvider lists(byte[] seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(longs(seed, 0));
    }

    public static UniformRandomProvider decision(byte[] seed, long allocationNumber) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(longs(seed, allocationNumber));
    }

    private static long[] longs(byte[] seed, long stream) {
        ByteBuffer buffer = ByteBuffer.wrap(seed);
        return new long[] {buffer.getLong() + stream * GOLDEN, buffer.getLong() ^ stream};
    }
}
