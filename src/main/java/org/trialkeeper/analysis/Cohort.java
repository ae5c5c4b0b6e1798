package org.trialkeeper.analysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Everyone screened for a trial, held column by column in the order of their ids. A report of a
 * million participants would spend a kilobyte on each as objects (a record, boxed numbers, a map
 * of baseline answers, an entry in maps by id) and leave the collector no rest; as columns of
 * primitives it spends about a hundred bytes. Texts that repeat from person to person (sites,
 * arms, failed criteria, reasons, categories) are small codes into lists kept once; a missing
 * number is NaN, which no score or baseline value can be, since the database cannot hold one.
 * Made by a {@link CohortBuilder}; read-only once made.
 */
public final class Cohort {

    /** The code of no arm, no guess, no category and no attendance. */
    static final int NONE = -1;

    final long[] ids;
    final byte[] codeBytes;
    final int[] codeStarts;
    final int[] sites;
    final List<String> siteNames;
    final byte[] statuses;
    final int[] failed;
    final List<List<String>> failedLists;
    final byte[] arms;
    final List<String> armCodes;
    final BitSet keepData;
    final BitSet perProtocolExcluded;
    final byte[] guesses;
    final int[] attended;
    final int[] eventStarts;
    final byte[] eventKinds;
    final int[] eventReasons;
    final List<String> reasons;
    final Map<String, BaselineColumn> baseline;
    final Map<ScoreKey, double[]> scores;

    /**
     * One baseline characteristic of everyone: a number each (NaN where missing, with which were
     * written as whole numbers, so an export prints them as they were entered), or a category's
     * code into its texts.
     */
    record BaselineColumn(double[] numbers, BitSet whole, int[] categories, List<String> texts) {
    }

    Cohort(CohortBuilder built) {
        int n = built.size;
        ids = Arrays.copyOf(built.ids, n);
        codeBytes = Arrays.copyOf(built.codeBytes, built.codeLength);
        codeStarts = Arrays.copyOf(built.codeStarts, n + 1);
        codeStarts[n] = built.codeLength;
        sites = Arrays.copyOf(built.sites, n);
        siteNames = built.siteNames.values();
        statuses = Arrays.copyOf(built.statuses, n);
        failed = Arrays.copyOf(built.failed, n);
        failedLists = built.failedLists.values();
        arms = built.arms;
        armCodes = built.armCodes.values();
        keepData = built.keepData;
        perProtocolExcluded = built.perProtocolExcluded;
        guesses = built.guesses;
        attended = built.attended;
        reasons = built.reasons.values();
        baseline = built.baselineColumns();
        scores = built.scores;
        eventStarts = new int[n + 1];
        eventKinds = new byte[built.events];
        eventReasons = new int[built.events];
        built.sortEvents(eventStarts, eventKinds, eventReasons);
    }

    public int size() {
        return ids.length;
    }

    public long id(int person) {
        return ids[person];
    }

    /** Where the participant of this id is, or a negative number if no one screened has it. */
    public int indexOf(long id) {
        return Arrays.binarySearch(ids, id);
    }

    public String code(int person) {
        return new String(codeBytes, codeStarts[person], codeStarts[person + 1] - codeStarts[person], StandardCharsets.UTF_8);
    }

    public String site(int person) {
        return siteNames.get(sites[person]);
    }

    public Status status(int person) {
        return Status.values()[statuses[person]];
    }

    public List<String> failedCriteria(int person) {
        return failedLists.get(failed[person]);
    }

    public boolean randomised(int person) {
        return arms[person] != NONE;
    }

    /** The arm's code, or null if never randomised. */
    public String arm(int person) {
        return randomised(person) ? armCodes.get(arms[person]) : null;
    }

    public boolean keepData(int person) {
        return keepData.get(person);
    }

    public boolean perProtocolExcluded(int person) {
        return perProtocolExcluded.get(person);
    }

    /** The assessor's guess, or null. */
    public Guess guess(int person) {
        return guesses[person] == NONE ? null : Guess.values()[guesses[person]];
    }

    /** Sessions attended, or null unless attendance was recorded. */
    public Integer sessionsAttended(int person) {
        return attended[person] == NONE ? null : attended[person];
    }

    /** The events after randomisation, oldest first. */
    public List<TrialData.Event> events(int person) {
        List<TrialData.Event> events = new ArrayList<>();
        for (int e = eventStarts[person]; e < eventStarts[person + 1]; e++) {
            events.add(new TrialData.Event(EventKind.values()[eventKinds[e]], reasons.get(eventReasons[e])));
        }
        return events;
    }

    /**
     * The baseline value as entered: a whole or decimal number, a category's text, or null when
     * there is none.
     */
    public Object baseline(String characteristic, int person) {
        BaselineColumn column = baseline.get(characteristic);
        if (column == null) {
            return null;
        }
        if (column.numbers() != null) {
            double value = column.numbers()[person];
            return Double.isNaN(value) ? null : column.whole().get(person) ? (Object) (long) value : (Object) value;
        }
        int category = column.categories()[person];
        return category == NONE ? null : column.texts().get(category);
    }

    /** The score, or NaN if the person has none. */
    public double score(ScoreKey key, int person) {
        double[] column = scores.get(key);
        return column == null ? Double.NaN : column[person];
    }

    boolean hasScore(ScoreKey key, int person) {
        return !Double.isNaN(score(key, person));
    }

    /** Whether the person has an event of the kind. */
    boolean hasEvent(int person, EventKind kind) {
        for (int e = eventStarts[person]; e < eventStarts[person + 1]; e++) {
            if (eventKinds[e] == kind.ordinal()) {
                return true;
            }
        }
        return false;
    }

    /** The reason of the person's last event of the kind, or the fallback if there is none. */
    String lastReason(int person, EventKind kind, String fallback) {
        String reason = fallback;
        for (int e = eventStarts[person]; e < eventStarts[person + 1]; e++) {
            if (eventKinds[e] == kind.ordinal()) {
                reason = reasons.get(eventReasons[e]);
            }
        }
        return reason;
    }

    /** The code of the arm in this cohort's own list, or {@link #NONE} if no one is in it. */
    int armCode(String arm) {
        return armCodes.indexOf(arm);
    }
}
