package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streams a trial's lists and decisions are drawn from, checked against their written description. */
class SequenceStreamTest {

    private static final byte[] SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void theCipherStreamIsAes256CtrUnderAKeyDerivedFromTheSeedReadAsBigEndianLongs() throws Exception {
        for (long stream : new long[] {0, 1, 7, Long.MAX_VALUE}) {
            long[] expected = documentedKeystream(SEED, stream, 300);
            UniformRandomProvider provider = SequenceStream.AES_256_CTR.provider(SEED, stream);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], provider.nextLong(), "long " + i + " of stream " + stream);
            }
        }
    }

    @Test
    void intsAreTheLowThenTheHighHalfOfEachLong() throws Exception {
        long first = documentedKeystream(SEED, 0, 1)[0];
        UniformRandomProvider provider = SequenceStream.AES_256_CTR.lists(SEED);
        assertEquals((int) first, provider.nextInt());
        assertEquals((int) (first >>> 32), provider.nextInt());
    }

    @Test
    void aSavedStateRestoresTheStreamAtThatPoint() {
        RestorableUniformRandomProvider provider = (RestorableUniformRandomProvider) SequenceStream.AES_256_CTR.lists(SEED);
        for (int i = 0; i < 71; i++) {
            provider.nextLong();
        }
        provider.nextInt();
        RandomProviderState state = provider.saveState();
        long[] after = {provider.nextInt(), provider.nextLong(), provider.nextLong(), provider.nextLong()};
        provider.nextLong();
        provider.restoreState(state);
        assertEquals(List.of(after[0], after[1], after[2], after[3]),
                List.of((long) provider.nextInt(), provider.nextLong(), provider.nextLong(), provider.nextLong()));
    }

    @Test
    void trialsOpenedBeforeTheCipherKeepTheirXoRoShiRoStreams() {
        ByteBuffer seed = ByteBuffer.wrap(SEED);
        long high = seed.getLong();
        long low = seed.getLong();
        UniformRandomProvider lists = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {high, low});
        UniformRandomProvider decision = RandomSource.XO_RO_SHI_RO_128_PP.create(
                new long[] {high + 5 * 0x9E3779B97F4A7C15L, low ^ 5});
        UniformRandomProvider legacyLists = SequenceStream.XOROSHIRO_128_PP.lists(SEED);
        UniformRandomProvider legacyDecision = SequenceStream.XOROSHIRO_128_PP.decision(SEED, 5);
        for (int i = 0; i < 50; i++) {
            assertEquals(lists.nextLong(), legacyLists.nextLong());
            assertEquals(decision.nextLong(), legacyDecision.nextLong());
        }
    }

    @Test
    void theCommitmentNamesTheCipherStreamAndKeepsTheFirstFormatForTheOldOne() {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> { });
        byte[] seed = Seeds.fresh();
        String legacy = Commitment.text(protocol, SequencePlan.generate(protocol, seed, SequenceStream.XOROSHIRO_128_PP),
                seed, SequenceStream.XOROSHIRO_128_PP);
        String cipher = Commitment.text(protocol, SequencePlan.generate(protocol, seed, SequenceStream.AES_256_CTR),
                seed, SequenceStream.AES_256_CTR);
        assertTrue(legacy.startsWith("trialkeeper-randomisation-commitment-1\nscheme=simple\n"), legacy);
        assertTrue(cipher.startsWith("trialkeeper-randomisation-commitment-2\nstream=aes-256-ctr\nscheme=simple\n"), cipher);
        assertNotEquals(SequencePlan.generate(protocol, seed, SequenceStream.XOROSHIRO_128_PP),
                SequencePlan.generate(protocol, seed, SequenceStream.AES_256_CTR));
    }

    @Test
    void simpleRandomisationFromTheCipherPassesAChiSquareCheck() {
        List<Slot> slots = SimpleScheme.generate(new ArmWeights(List.of("A", "B"), List.of(1, 1)), 100_000,
                SequenceStream.AES_256_CTR.lists(Seeds.fresh()));
        long a = slots.stream().filter(s -> s.arm().equals("A")).count();
        double p = ChiSquareTest.withDefaults().test(new double[] {0.5, 0.5}, new long[] {a, 100_000 - a}).getPValue();
        assertTrue(p > 0.001, "A=" + a + ", p = " + p);
    }

    /** The stream as AesCounterStream's comment writes it down, computed here from javax.crypto alone. */
    private static long[] documentedKeystream(byte[] seed, long stream, int longs) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(seed, "HmacSHA256"));
        byte[] key = hmac.doFinal("trialkeeper-sequence-stream-1".getBytes(StandardCharsets.US_ASCII));
        // each 16 bytes of keystream: AES-256 of the counter block (stream, then block number, both big-endian)
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        ByteBuffer keystream = ByteBuffer.allocate(longs * Long.BYTES + 16);
        for (long block = 0; keystream.position() < longs * Long.BYTES; block++) {
            keystream.put(aes.doFinal(ByteBuffer.allocate(16).putLong(stream).putLong(block).array()));
        }
        keystream.flip();
        long[] values = new long[longs];
        for (int i = 0; i < longs; i++) {
            values[i] = keystream.getLong();
        }
        return values;
    }
}
