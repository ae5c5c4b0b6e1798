package org.trialkeeper.analysis;

/**
 * Which score: an instrument's total (subscale null) or one of its subscales, at a timepoint.
 */
public record ScoreKey(String timepoint, String instrument, String subscale) {

    public static ScoreKey total(String timepoint, String instrument) {
        return new ScoreKey(timepoint, instrument, null);
    }
}
