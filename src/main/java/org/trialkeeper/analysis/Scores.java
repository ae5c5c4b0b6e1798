package org.trialkeeper.analysis;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One participant's scores on keys every participant shares: a report of a million people
 * holds a million of these, so each is an array of numbers beside the one list of keys, a
 * tenth of a hash map's size. Read-only.
 */
public final class Scores extends AbstractMap<ScoreKey, Double> {

    private final List<ScoreKey> keys;
    private final double[] values;

    private Scores(List<ScoreKey> keys, double[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** @param values one for each key, null where the participant has no score */
    public static Scores of(List<ScoreKey> keys, Double[] values) {
        if (keys.size() != values.length) {
            throw new IllegalArgumentException("one value for each key");
        }
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // a score is never NaN: the database cannot hold one
            scores[i] = values[i] == null ? Double.NaN : values[i];
        }
        return new Scores(keys, scores);
    }

    @Override
    public Double get(Object key) {
        int index = keys.indexOf(key);
        return index < 0 || Double.isNaN(values[index]) ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<ScoreKey, Double>> entrySet() {
        Set<Entry<ScoreKey, Double>> entries = new LinkedHashSet<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                entries.add(new SimpleImmutableEntry<>(keys.get(i), values[i]));
            }
        }
        return entries;
    }
}
