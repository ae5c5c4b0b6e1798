package org.trialkeeper.monitoring;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.scheme.ConvergenceGuess;
import org.trialkeeper.randomisation.scheme.Diagnostics;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.scheme.Strata;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor on simulated trials of 1,000 participants at two sites, permuted blocks of 4 over the
 * whole trial. Participants arrive at either site at random. Honest recruiters enrol each one as
 * they arrive. In the other trial the recruiter of site A, who knows every earlier allocation,
 * enrols only when the convergence guess names one arm (and then a participant who suits it),
 * and otherwise keeps the participant waiting; site B's recruiter stays honest. Site A then gets
 * the allocations after the first of a block, which a convergence guess names right 6 times in 7
 * against 17 in 24 over whole blocks. Ten trials of each kind, each with its own seed.
 */
class PredictableRecruiterTest {

    private static final int PARTICIPANTS = 1000;

    @SuppressWarnings("unchecked")
    private static final Protocol PROTOCOL = ProtocolFiles.seedVariant(tree -> {
        tree.put("targetSampleSize", PARTICIPANTS);
        tree.put("sites", List.of(Map.of("code", "A", "name", "Site A"), Map.of("code", "B", "name", "Site B")));
        Map<String, Object> randomisation = (Map<String, Object>) tree.get("randomisation");
        randomisation.put("scheme", "permuted-blocks");
        randomisation.put("blockSizes", List.of(4));
    });

    @Test
    void honestRecruitersAreNotFlagged() {
        for (long seed = 1; seed <= 10; seed++) {
            Predictability figures = simulate(false, seed);
            assertFalse(figures.overall().warning());
            figures.sites().forEach(site -> {
                assertFalse(site.warning(), site.toString());
                assertTrue(site.allocations() >= 400, site.toString());
                assertEquals(figures.expectedShare(), site.share(), 0.06, site.toString());
            });
        }
    }

    @Test
    void aRecruiterWhoGuessesAndEnrolsToMatchIsFlaggedAndTheHonestSiteIsNot() {
        for (long seed = 1; seed <= 10; seed++) {
            Predictability figures = simulate(true, seed);
            Predictability.Figures a = figures.sites().get(0);
            Predictability.Figures b = figures.sites().get(1);
            assertEquals("A", a.site());
            assertTrue(a.allocations() >= 200, a.toString());
            assertTrue(a.warning(), a.toString());
            assertEquals(6.0 / 7, a.share(), 0.04, a.toString());
            assertFalse(b.warning(), b.toString());
            assertFalse(figures.overall().warning(), "over the trial the share is the sequence's: " + figures.overall());
            assertEquals(PARTICIPANTS, figures.overall().allocations());
        }
    }

    @Test
    void theThresholdIsTheExpectedShareOfBlocksOfFourPlusATenthUnlessTheProtocolSetsOne() {
        Predictability figures = simulate(false, 3);
        assertEquals(17.0 / 24, figures.expectedShare(), 0.01);
        assertEquals(figures.expectedShare() + 0.10, figures.warnAbove(), 1e-12);
        assertEquals(10, figures.minimumAllocations());
    }

    @Test
    void noSiteIsFlaggedBeforeItsTenthAllocation() {
        Predictability.Tally tally = new Predictability.Tally("permuted-blocks", List.of("A", "B"), 0.7, 0.8);
        for (int i = 0; i < 9; i++) {
            tally.add("A", 1);
        }
        assertFalse(tally.result().sites().get(0).warning(), "nine right guesses of nine");
        tally.add("A", 1);
        assertTrue(tally.result().sites().get(0).warning());
        assertEquals(new Predictability.Figures("B", 0, 0, null, false), tally.result().sites().get(1));
    }

    /** One simulated trial, and the monitor's figures of it as the service computes them. */
    private static Predictability simulate(boolean predictableSiteA, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Slot> list = SequencePlan.generate(PROTOCOL, rng).get(Strata.ALL);
        double expected = Diagnostics.simulate(PROTOCOL, PredictabilityMonitor.SIMULATIONS,
                RandomSource.XO_RO_SHI_RO_128_PP.create(19)).predictability();
        Predictability.Tally monitor = new Predictability.Tally("permuted-blocks", List.of("A", "B"), expected,
                PROTOCOL.monitoring().threshold(expected));
        ConvergenceGuess recruiterA = ConvergenceGuess.of(PROTOCOL);
        ConvergenceGuess guesser = ConvergenceGuess.of(PROTOCOL);
        int allocated = 0;
        while (allocated < PARTICIPANTS) {
            String site = rng.nextBoolean() ? "A" : "B";
            boolean oneArmNamed = recruiterA.chances(Strata.ALL).contains(1.0);
            if (predictableSiteA && site.equals("A") && !oneArmNamed) {
                continue;
            }
            String arm = list.get(allocated++).arm();
            recruiterA.next(Strata.ALL, arm);
            monitor.add(site, guesser.next(Strata.ALL, arm).credit());
        }
        return monitor.result();
    }
}
