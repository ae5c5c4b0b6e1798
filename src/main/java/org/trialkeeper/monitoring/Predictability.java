package org.trialkeeper.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How predictable the allocations have turned out so far: for the trial and for each site, how
 * many allocations there were and how many of them a recruiter following the convergence
 * strategy would have guessed right (a tie among k arms earns 1/k), against the share expected
 * of the scheme. A site or the trial is flagged once it has {@link #MINIMUM_ALLOCATIONS}
 * allocations and its share is above the threshold. No figure names an arm or a participant.
 *
 * @param expectedShare      the Blackwell-Hodges share of right guesses expected of the scheme, from its simulation
 * @param warnAbove          the threshold: the protocol's {@code monitoring.warnAbove}, or the expected share plus 0.10
 * @param minimumAllocations how many allocations a site or the trial needs before it can be flagged
 */
@Serdeable
public record Predictability(String scheme, double expectedShare, double warnAbove, int minimumAllocations,
                             Figures overall, List<Figures> sites) {

    /** Below this many allocations a share says more about chance than about the recruiter. */
    public static final int MINIMUM_ALLOCATIONS = 10;

    /**
     * One site's figures, or the trial's (site absent).
     *
     * @param correctGuesses the right guesses, a tie among k arms counting 1/k
     * @param share          right guesses per allocation; absent before the first allocation
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(String site, long allocations, double correctGuesses, Double share, boolean warning) {
    }

    /** Adds up the guesses of allocations in their order, site by site and over the trial. */
    public static final class Tally {

        private final String scheme;
        private final double expected;
        private final double threshold;
        private final Map<String, double[]> bySite = new LinkedHashMap<>();
        private final double[] overall = new double[2];

        /** The sites in the protocol's order, each shown even before its first allocation. */
        public Tally(String scheme, List<String> sites, double expected, double threshold) {
            this.scheme = scheme;
            this.expected = expected;
            this.threshold = threshold;
            sites.forEach(site -> bySite.put(site, new double[2]));
        }

        /** One allocation at the site, and the convergence guesser's credit for it (0 to 1). */
        public void add(String site, double credit) {
            double[] counts = bySite.computeIfAbsent(site, s -> new double[2]);
            counts[0]++;
            counts[1] += credit;
            overall[0]++;
            overall[1] += credit;
        }

        public Predictability result() {
            return new Predictability(scheme, expected, threshold, MINIMUM_ALLOCATIONS, figures(null, overall),
                    bySite.entrySet().stream().map(e -> figures(e.getKey(), e.getValue())).toList());
        }

        private Figures figures(String site, double[] counts) {
            long allocations = (long) counts[0];
            Double share = allocations == 0 ? null : counts[1] / allocations;
            boolean warning = allocations >= MINIMUM_ALLOCATIONS && share > threshold;
            return new Figures(site, allocations, counts[1], share, warning);
        }
    }
}
