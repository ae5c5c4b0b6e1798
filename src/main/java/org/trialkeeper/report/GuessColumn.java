package org.trialkeeper.report;

import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.randomisation.scheme.ConvergenceGuess;

import java.util.Arrays;
import java.util.List;

/**
 * Each allocation's convergence guess of the intervention, as the allocations are read in their
 * order: the chance that a recruiter who knew the earlier ones named an intervention arm. Kept
 * as two growing columns of primitives until the cohort is built, then laid out by its places.
 */
final class GuessColumn {

    private final ConvergenceGuess guesser;
    private final List<Integer> interventionArms;
    private long[] ids = new long[64];
    private double[] chances = new double[64];
    private int size;

    GuessColumn(Protocol protocol) {
        guesser = ConvergenceGuess.of(protocol);
        List<Arm> arms = protocol.arms();
        interventionArms = java.util.stream.IntStream.range(0, arms.size())
                .filter(arm -> arms.get(arm).role() == ArmRole.INTERVENTION).boxed().toList();
    }

    void add(Allocations.Ordered allocation) {
        List<Double> named = guesser.next(allocation.stratum(), allocation.arm()).chances();
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            chances = Arrays.copyOf(chances, size * 2);
        }
        ids[size] = allocation.participantId();
        chances[size++] = interventionArms.stream().mapToDouble(named::get).sum();
    }

    /** The guesses by the people's places in the cohort; NaN for those never randomised. */
    double[] byPerson(Cohort people) {
        double[] column = new double[people.size()];
        Arrays.fill(column, Double.NaN);
        for (int i = 0; i < size; i++) {
            column[people.indexOf(ids[i])] = chances[i];
        }
        return column;
    }
}
