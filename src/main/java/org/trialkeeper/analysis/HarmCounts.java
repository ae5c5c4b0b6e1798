package org.trialkeeper.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** The harms table's counts as they are made, column by column; the last column is the total. */
final class HarmCounts {

    private final int columns;
    private final HarmsTable.Events events;
    private final long[] participants;
    private final long[] withEvent;
    private final long[] withSerious;
    private final long[] all;
    private final long[] serious;
    private final long[][] bySeverity;
    private final long[][] byRelatedness;
    private final BitSet seenWithEvent = new BitSet();
    private final BitSet seenWithSerious = new BitSet();

    HarmCounts(int columns, HarmsTable.Events events) {
        this.columns = columns;
        this.events = events;
        participants = new long[columns];
        withEvent = new long[columns];
        withSerious = new long[columns];
        all = new long[columns];
        serious = new long[columns];
        bySeverity = new long[events.severities().size()][columns];
        byRelatedness = new long[events.relatedness().size()][columns];
    }

    /** @param column the participant's arm's column, or negative for the total alone */
    void participant(int column) {
        add(participants, column);
    }

    void event(int column, int person, HarmsTable.Harm harm) {
        add(all, column);
        if (!seenWithEvent.get(person)) {
            seenWithEvent.set(person);
            add(withEvent, column);
        }
        if (harm.serious()) {
            add(serious, column);
            if (!seenWithSerious.get(person)) {
                seenWithSerious.set(person);
                add(withSerious, column);
            }
        }
        int severity = events.severities().indexOf(harm.severity());
        if (severity >= 0) {
            add(bySeverity[severity], column);
        }
        int relatedness = events.relatedness().indexOf(harm.relatedness());
        if (relatedness >= 0) {
            add(byRelatedness[relatedness], column);
        }
    }

    List<Long> participants() {
        return list(participants);
    }

    List<HarmsTable.Row> rows() {
        List<HarmsTable.Row> rows = new ArrayList<>();
        rows.add(new HarmsTable.Row("participants-with-event", null, list(withEvent), percents(withEvent)));
        rows.add(new HarmsTable.Row("participants-with-serious-event", null, list(withSerious), percents(withSerious)));
        rows.add(new HarmsTable.Row("events", null, list(all), null));
        rows.add(new HarmsTable.Row("serious-events", null, list(serious), null));
        for (int level = 0; level < bySeverity.length; level++) {
            rows.add(new HarmsTable.Row("events-by-severity", events.severities().get(level), list(bySeverity[level]), null));
        }
        for (int level = 0; level < byRelatedness.length; level++) {
            rows.add(new HarmsTable.Row("events-by-relatedness", events.relatedness().get(level),
                    list(byRelatedness[level]), null));
        }
        return rows;
    }

    private void add(long[] counts, int column) {
        if (column >= 0) {
            counts[column]++;
        }
        counts[columns - 1]++;
    }

    private List<Double> percents(long[] counts) {
        List<Double> percents = new ArrayList<>(columns);
        for (int column = 0; column < columns; column++) {
            percents.add(participants[column] == 0 ? null : 100.0 * counts[column] / participants[column]);
        }
        return percents;
    }

    private static List<Long> list(long[] counts) {
        List<Long> list = new ArrayList<>(counts.length);
        for (long count : counts) {
            list.add(count);
        }
        return list;
    }
}
