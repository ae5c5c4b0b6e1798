package org.trialkeeper.randomisation.scheme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many earlier participants at each level of each factor were given each arm: all that a
 * minimisation decision weighs of the allocations before it. Kept running, one allocation at a
 * time, so that a decision costs the same at the hundred-thousandth allocation as at the tenth,
 * and a replay of a whole trial is one pass over its allocations. Counts are kept in the order
 * of factor, level and arm, so that two holders of the same counts write them out alike.
 */
public final class MarginalCounts {

    /** One factor's level in one arm. */
    public record Cell(String factor, String level, String arm) implements Comparable<Cell> {

        private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::factor)
                .thenComparing(Cell::level).thenComparing(Cell::arm);

        @Override
        public int compareTo(Cell other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return factor + "=" + level + " in " + arm;
        }
    }

    private final SortedMap<Cell, Integer> counts = new TreeMap<>();

    /** Counts one more allocation: its arm, at each of its levels. */
    public void add(MinimisationReplay.Decision decision) {
        for (FactorLevels.Level level : decision.levels().levels()) {
            counts.merge(new Cell(level.factor(), level.value(), decision.arm()), 1, Integer::sum);
        }
    }

    /** Sets a count read back from where it was kept. */
    public void put(Cell cell, int allocations) {
        counts.put(cell, allocations);
    }

    public int count(Cell cell) {
        return counts.getOrDefault(cell, 0);
    }

    /** Every count there is, in order; a cell no allocation reached is absent, not zero. */
    public SortedMap<Cell, Integer> cells() {
        return Collections.unmodifiableSortedMap(counts);
    }

    /** The counts as they are now, to be changed apart from these. */
    public MarginalCounts copy() {
        MarginalCounts copy = new MarginalCounts();
        copy.counts.putAll(counts);
        return copy;
    }

    /** The cells whose counts differ between the two, in order. */
    public List<Cell> differingFrom(MarginalCounts other) {
        TreeSet<Cell> cells = new TreeSet<>(counts.keySet());
        cells.addAll(other.counts.keySet());
        List<Cell> differing = new ArrayList<>();
        for (Cell cell : cells) {
            if (count(cell) != other.count(cell)) {
                differing.add(cell);
            }
        }
        return differing;
    }

    /**
     * For each of the participant's levels, in the order of factors, the count in each arm. A
     * level that was never given (a missing category) matches no earlier participant.
     */
    int[][] atLevels(ArmWeights arms, FactorLevels mine) {
        int[][] at = new int[mine.levels().size()][arms.size()];
        for (int f = 0; f < at.length; f++) {
            FactorLevels.Level level = mine.levels().get(f);
            if (level.value() == null) {
                continue;
            }
            for (int arm = 0; arm < arms.size(); arm++) {
                at[f][arm] = count(new Cell(level.factor(), level.value(), arms.codes().get(arm)));
            }
        }
        return at;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarginalCounts that && counts.equals(that.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
