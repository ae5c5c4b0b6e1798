package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ListSampler;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.receipt.Receipt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked examples of src/verifier/SPECIFICATION.md, drawn by the service's own code: a
 * re-implementation that gets these gets the stream, the draws, the commitment and receipts right.
 */
class SpecificationVectorsTest {

    private static final byte[] SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void theStreamsWordsAndDrawsAreThoseTheSpecificationGives() {
        UniformRandomProvider lists = SequenceStream.AES_256_CTR.lists(SEED);
        assertEquals(List.of(0x0b504dae13a84444L, 0x1d51c4d1ea298fa3L), List.of(lists.nextLong(), lists.nextLong()));
        assertEquals(0x30ca1eeee4d90f22L, SequenceStream.AES_256_CTR.decision(SEED, 1).nextLong());
        UniformRandomProvider ints = SequenceStream.AES_256_CTR.lists(SEED);
        assertEquals(List.of(0x13a84444, 0x0b504dae, 0xea298fa3, 0x1d51c4d1),
                IntStream.range(0, 4).mapToObj(i -> ints.nextInt()).toList());
        UniformRandomProvider bounded = SequenceStream.AES_256_CTR.lists(SEED);
        assertEquals(List.of(0, 0, 5, 0, 3, 0), IntStream.range(0, 6).mapToObj(i -> bounded.nextInt(6)).toList());
        assertEquals(0.044194083213057844, SequenceStream.AES_256_CTR.lists(SEED).nextDouble());
        List<String> shuffled = new ArrayList<>(List.of("A", "B", "C", "D", "E", "F"));
        ListSampler.shuffle(SequenceStream.AES_256_CTR.lists(SEED), shuffled);
        assertEquals(List.of("E", "B", "D", "F", "C", "A"), shuffled);
    }

    @Test
    void theExampleListAndItsCommitmentAreThoseTheSpecificationGives() {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> {
            ((List<Map<String, Object>>) tree.get("arms")).get(0).put("ratio", 2);
            tree.put("targetSampleSize", 9);
            tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(3, 6)));
        });
        Map<String, List<Slot>> lists = SequencePlan.generate(protocol, SEED, SequenceStream.AES_256_CTR);
        assertEquals(List.of("BALINT", "WAITLIST", "BALINT", "WAITLIST", "WAITLIST", "BALINT", "BALINT", "BALINT",
                "BALINT"), lists.get(Strata.ALL).stream().map(Slot::arm).toList());
        assertEquals("dc4d7cd860f174c5f6b1c855d49bd9db1989f865341b5f1fa4700ef39bbddedd",
                Commitment.of(protocol, lists, SEED, SequenceStream.AES_256_CTR));
    }

    @Test
    void theExampleReceiptHashesAsTheSpecificationGives() {
        Receipt receipt = new Receipt(7, 3, "N-103", Instant.parse("2026-03-01T09:30:15.123456Z"),
                "dc4d7cd860f174c5f6b1c855d49bd9db1989f865341b5f1fa4700ef39bbddedd", 42, "ab".repeat(32), "cd".repeat(32));
        assertEquals("81478c58e951e6e659288a49961e22a1be0d2b8c70336d11a9205af07c262ad0", receipt.hash());
    }

    @Test
    void theExampleMinimisationDecisionGoesAgainstTheMinimisingArm() {
        ArmWeights arms = new ArmWeights(List.of("BALINT", "WAITLIST"), List.of(2, 1));
        double[] weights = {2.0, 1.0};
        int[][] counts = {{1, 0}, {0, 0}};
        assertEquals(2.5, Minimisation.totals(arms, weights, counts)[0]);
        assertEquals(2.0, Minimisation.totals(arms, weights, counts)[1]);
        assertEquals(0, Minimisation.choose(arms, weights, counts, 0.8, SequenceStream.AES_256_CTR.decision(SEED, 1)));
    }
}
