package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.core.source64.LongProvider;
import org.apache.commons.rng.core.util.NumberFactory;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The keystream of AES-256 in counter mode, keyed by a trial's seed, as a Commons RNG source
 * of longs, so that the schemes and Commons RNG's samplers draw from it as from any other.
 * Knowing any amount of its output does not help to foresee the rest, unlike XoRoShiRo128++,
 * whose whole state follows from a few outputs.
 *
 * <p>Exactly, for a 16-byte seed and a stream number {@code s} (0 for the allocation lists,
 * the allocation number for a minimisation decision):
 * <ol>
 *   <li>key: {@code K = HMAC-SHA256(key = seed, message = the ASCII bytes of
 *       "trialkeeper-sequence-stream-1")}, all 32 bytes, as the AES-256 key;</li>
 *   <li>initial counter block (16 bytes): {@code s} as an unsigned 64-bit big-endian integer,
 *       then 8 zero bytes. The whole 128-bit block is incremented as a big-endian integer
 *       from one 16-byte block of keystream to the next (as javax.crypto's
 *       {@code AES/CTR/NoPadding} does); the low 64 bits would take 2^64 blocks to wrap, so
 *       streams never overlap;</li>
 *   <li>keystream: {@code AES-256(K, counter block)} for each counter block in turn, i.e. the
 *       encryption of zero bytes in that mode;</li>
 *   <li>longs: each next 8 bytes of keystream, in order, read as a big-endian two's-complement
 *       64-bit integer ({@code nextLong()}). Everything else is taken from these longs as
 *       Commons RNG 1.7 takes it from any {@link LongProvider}: {@code nextInt()} answers the
 *       low 32 bits of a new long and then, on the next call, its high 32 bits;
 *       {@code nextInt(n)} is Lemire's method on {@code nextInt()} read as unsigned;
 *       {@code nextDouble()} is {@code (nextLong() >>> 11) * 2^-53}.</li>
 * </ol>
 */
final class AesCounterStream extends LongProvider {

    static final String LABEL = "trialkeeper-sequence-stream-1";
    private static final int BLOCK = 16;
    /** Longs decrypted at a time: the keystream is read ahead in chunks of this many. */
    private static final int CHUNK = 64;

    private final SecretKeySpec key;
    private final long stream;
    private final Cipher cipher;
    private final byte[] zeros = new byte[CHUNK * Long.BYTES];
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK * Long.BYTES);
    private long taken;

    AesCounterStream(byte[] seed, long stream) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(seed, "HmacSHA256"));
            this.key = new SecretKeySpec(hmac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)), "AES");
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR and HMAC-SHA256 are part of every Java runtime", e);
        }
        this.stream = stream;
        startAt(0);
    }

    @Override
    public long next() {
        if (!chunk.hasRemaining()) {
            refill();
        }
        taken++;
        return chunk.getLong();
    }

    /** Positions the keystream at long number {@code position} (from 0). */
    private void startAt(long position) {
        long block = position * Long.BYTES / BLOCK;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ByteBuffer.allocate(BLOCK)
                    .putLong(stream).putLong(block).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is part of every Java runtime", e);
        }
        refill();
        chunk.position((int) (position * Long.BYTES % BLOCK));
        taken = position;
    }

    private void refill() {
        chunk.clear();
        try {
            cipher.update(zeros, 0, zeros.length, chunk.array(), 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    @Override
    protected byte[] getStateInternal() {
        return composeStateInternal(NumberFactory.makeByteArray(taken), super.getStateInternal());
    }

    @Override
    protected void setStateInternal(byte[] state) {
        byte[][] parts = splitStateInternal(state, Long.BYTES);
        startAt(NumberFactory.makeLong(parts[0]));
        super.setStateInternal(parts[1]);
    }
}
