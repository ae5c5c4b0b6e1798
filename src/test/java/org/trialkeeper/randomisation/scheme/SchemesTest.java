package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemesTest {

    private static final ArmWeights EQUAL = new ArmWeights(List.of("A", "B"), List.of(1, 1));
    private static final ArmWeights TWO_TO_ONE = new ArmWeights(List.of("A", "B"), List.of(2, 1));

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, ~seed});
    }

    @Test
    void simpleRandomisationPassesAChiSquareCheckOverAHundredThousandAllocations() {
        List<Slot> slots = SimpleScheme.generate(EQUAL, 100_000, rng(1));
        long a = slots.stream().filter(s -> s.arm().equals("A")).count();
        double p = ChiSquareTest.withDefaults().test(new double[] {0.5, 0.5}, new long[] {a, 100_000 - a}).getPValue();
        System.out.println("simple randomisation, 10^5 allocations: A=" + a + ", chi-square p=" + p);
        assertTrue(p > 0.001, "p = " + p);
    }

    @Test
    void simpleRandomisationKeepsAnUnequalRatioOverLongRuns() {
        List<Slot> slots = SimpleScheme.generate(TWO_TO_ONE, 100_000, rng(2));
        double share = slots.stream().filter(s -> s.arm().equals("A")).count() / 100_000.0;
        assertEquals(2.0 / 3, share, 0.005);
    }

    @Test
    void everyPermutedBlockIsBalancedAndSizedFromTheList() {
        List<Slot> slots = PermutedBlocks.generate(TWO_TO_ONE, List.of(3, 6, 9), 3000, rng(3));
        Map<Integer, List<Slot>> blocks = new HashMap<>();
        slots.forEach(slot -> blocks.computeIfAbsent(slot.block(), b -> new ArrayList<>()).add(slot));
        Set<Integer> sizesSeen = new HashSet<>();
        for (List<Slot> block : blocks.values()) {
            int size = block.get(0).blockSize();
            sizesSeen.add(size);
            assertEquals(size, block.size());
            assertEquals(size * 2 / 3, block.stream().filter(s -> s.arm().equals("A")).count());
        }
        assertEquals(Set.of(3, 6, 9), sizesSeen);
        assertTrue(slots.size() >= 3000 && slots.size() < 3009);
        for (int i = 0; i < slots.size(); i++) {
            assertEquals(i + 1, slots.get(i).position());
        }
    }

    @Test
    void everySchemeIsReproducibleFromItsSeedOnEveryStream() {
        byte[] seed = Seeds.fresh();
        for (SequenceStream stream : SequenceStream.values()) {
            for (String file : List.of("balint-psychiatric-nurses.yaml", "online-balint-covid.yaml")) {
                Protocol protocol = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve(file)));
                assertEquals(SequencePlan.generate(protocol, seed, stream), SequencePlan.generate(protocol, seed, stream));
                assertEquals(Commitment.of(protocol, SequencePlan.generate(protocol, seed, stream), seed, stream),
                        Commitment.of(protocol, SequencePlan.generate(protocol, seed, stream), seed, stream));
                assertNotEquals(SequencePlan.generate(protocol, seed, stream),
                        SequencePlan.generate(protocol, Seeds.fresh(), stream));
            }
            assertEquals(stream.decision(seed, 7).nextLong(), stream.decision(seed, 7).nextLong());
            assertNotEquals(stream.decision(seed, 7).nextLong(), stream.decision(seed, 8).nextLong());
        }
    }

    @Test
    void stratifiedBlocksHaveAListForEveryCombinationOfLevels() {
        Protocol protocol = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve("online-balint-covid.yaml")));
        List<String> strata = Strata.all(protocol);
        assertEquals(6, strata.size());
        assertEquals("site=TUMS;profession=physician", strata.get(0));
        assertEquals("site=OTHER;profession=other", strata.get(5));
        assertEquals("site=OTHER;profession=nurse", Strata.of(protocol, "OTHER", Map.of("profession", "nurse", "sex", "male")));
        Map<String, List<Slot>> lists = SequencePlan.generate(protocol, Seeds.fresh(), SequenceStream.CURRENT);
        assertEquals(strata, List.copyOf(lists.keySet()));
        lists.values().forEach(list -> assertTrue(list.size() >= protocol.targetSampleSize()));
    }

    @Test
    void minimisationChoosesTheArmThatLeastUnbalancesTheFactors() {
        double[] weights = {1, 2};
        int[][] counts = {{3, 1}, {0, 2}};
        double[] totals = Minimisation.totals(EQUAL, weights, counts);
        // A: factor 1 goes to 4:1 (range 3), factor 2 to 1:2 (range 1, weight 2) = 5
        // B: factor 1 goes to 3:2 (range 1), factor 2 to 0:3 (range 3, weight 2) = 7
        assertEquals(5, totals[0], 1e-12);
        assertEquals(7, totals[1], 1e-12);
        assertEquals(0, Minimisation.choose(EQUAL, weights, counts, 1.0, rng(4)));
    }

    @Test
    void runningCountsGiveEachLevelItsCountInEachArmAndAMissingLevelNone() {
        MarginalCounts counts = new MarginalCounts();
        counts.add(new MinimisationReplay.Decision(FactorLevels.parse("site=RAZI;sex=female"), "A"));
        counts.add(new MinimisationReplay.Decision(FactorLevels.parse("site=RAZI;sex=male"), "B"));
        counts.add(new MinimisationReplay.Decision(FactorLevels.parse("site=RAZI;sex=female"), "A"));
        FactorLevels mine = new FactorLevels(List.of(new FactorLevels.Level("site", "RAZI"),
                new FactorLevels.Level("sex", null)));
        assertArrayEquals(new int[][] {{2, 1}, {0, 0}}, counts.atLevels(EQUAL, mine));

        MarginalCounts other = counts.copy();
        other.put(new MarginalCounts.Cell("sex", "male", "A"), 1);
        assertEquals(List.of(new MarginalCounts.Cell("sex", "male", "A")), counts.differingFrom(other));
        assertEquals(List.of(), counts.differingFrom(counts.copy()));
    }

    @Test
    void minimisationKeepsMarginalImbalanceSmall() {
        UniformRandomProvider rng = rng(5);
        int[][][] byFactor = new int[2][3][2];
        int[] simple = new int[2];
        for (int participant = 0; participant < 300; participant++) {
            int[] levels = {rng.nextInt(3), rng.nextInt(3)};
            int[][] counts = {byFactor[0][levels[0]], byFactor[1][levels[1]]};
            int arm = Minimisation.choose(EQUAL, new double[] {1, 1}, counts, 0.8, rng);
            byFactor[0][levels[0]][arm]++;
            byFactor[1][levels[1]][arm]++;
            simple[rng.nextInt(2)]++;
        }
        int worst = 0;
        for (int[][] factor : byFactor) {
            for (int[] level : factor) {
                worst = Math.max(worst, Math.abs(level[0] - level[1]));
            }
        }
        System.out.println("minimisation over 300 participants: largest marginal imbalance " + worst);
        assertTrue(worst <= 4, "largest marginal imbalance " + worst);
    }

    @Test
    void predictabilityMatchesKnownValues() {
        assertEquals(0.5, predictability(s -> s.put("scheme", "simple")), 0.01);
        assertEquals(0.75, predictability(s -> blocks(s, List.of(2))), 1e-12);
        assertEquals(17.0 / 24, predictability(s -> blocks(s, List.of(4))), 0.005);
        double varying = predictability(s -> blocks(s, List.of(2, 4, 6)));
        System.out.printf("Blackwell-Hodges predictability: simple 0.5, blocks of 2 0.75, of 4 %.4f, of 2/4/6 %.4f%n",
                17.0 / 24, varying);
        assertTrue(varying < 0.75 && varying > 0.5, "varying sizes " + varying);
    }

    @Test
    void blocksEndBalancedWhileSimpleRandomisationDrifts() {
        Diagnostics.Result fixed = diagnostics(s -> blocks(s, List.of(4)));
        Diagnostics.Result simple = diagnostics(s -> s.put("scheme", "simple"));
        assertEquals(0, fixed.expectedFinalImbalance(), 1e-12);
        assertTrue(fixed.expectedMaximumImbalance() > 1 && fixed.expectedMaximumImbalance() <= 2, "fixed " + fixed);
        assertTrue(simple.expectedFinalImbalance() > 3, "simple " + simple);
    }

    @Test
    void aLargeTrialGetsFewerSimulationsAndAnInterruptedSimulationStops() {
        Protocol small = ProtocolFiles.seedVariant(tree -> tree.put("targetSampleSize", 30));
        Protocol large = ProtocolFiles.seedVariant(tree -> tree.put("targetSampleSize", 100_000));
        assertEquals(20_000, Diagnostics.mostSimulations(small, 20_000));
        assertEquals(100, Diagnostics.mostSimulations(large, 20_000), "one list of 100,000 and 100,000 allocations each");
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Diagnostics.simulate(small, 1_000, rng(7)));
        } finally {
            Thread.interrupted();
        }
    }

    private static void blocks(Map<String, Object> randomisation, List<Integer> sizes) {
        randomisation.put("scheme", "permuted-blocks");
        randomisation.put("blockSizes", sizes);
    }

    private static double predictability(java.util.function.Consumer<Map<String, Object>> scheme) {
        return diagnostics(scheme).predictability();
    }

    @SuppressWarnings("unchecked")
    private static Diagnostics.Result diagnostics(java.util.function.Consumer<Map<String, Object>> scheme) {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> {
            tree.put("targetSampleSize", 48);
            scheme.accept((Map<String, Object>) tree.get("randomisation"));
        });
        return Diagnostics.simulate(protocol, 4000, rng(6));
    }
}
