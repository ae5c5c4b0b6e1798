package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

import java.nio.ByteBuffer;

/**
 * The generator a trial's lists and minimisation decisions are drawn from, keyed by its seed:
 * stream 0 for the lists, stream {@code n} for the decision of allocation number {@code n}, so
 * that any decision can be replayed on its own. A trial keeps the stream it opened recruitment
 * with, since its commitment was published over what that stream drew.
 */
public enum SequenceStream {

    /**
     * Trials that opened recruitment before the lists came from a cipher. Its state can be
     * worked out from a few outputs, so new trials never use it.
     */
    XOROSHIRO_128_PP("xoroshiro128pp") {
        private static final long GOLDEN = 0x9E3779B97F4A7C15L;

        @Override
        UniformRandomProvider provider(byte[] seed, long stream) {
            ByteBuffer buffer = ByteBuffer.wrap(seed);
            return RandomSource.XO_RO_SHI_RO_128_PP.create(
                    new long[] {buffer.getLong() + stream * GOLDEN, buffer.getLong() ^ stream});
        }
    },

    /** The keystream of AES-256 in counter mode, exactly as {@link AesCounterStream} describes it. */
    AES_256_CTR("aes-256-ctr") {
        @Override
        UniformRandomProvider provider(byte[] seed, long stream) {
            return new AesCounterStream(seed, stream);
        }
    };

    /** The stream a trial opening recruitment now is given. */
    public static final SequenceStream CURRENT = AES_256_CTR;

    private final String code;

    SequenceStream(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public UniformRandomProvider lists(byte[] seed) {
        return provider(seed, 0);
    }

    public UniformRandomProvider decision(byte[] seed, long allocationNumber) {
        return provider(seed, allocationNumber);
    }

    abstract UniformRandomProvider provider(byte[] seed, long stream);
}
