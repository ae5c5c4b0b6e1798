package org.trialkeeper.report;

import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.Timepoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The score columns of the wide export: for each timepoint of the protocol, each instrument it
 * collects, the total and then each subscale, in protocol order. Protocol codes may hold
 * hyphens, which R, SPSS and Stata refuse in a variable's name, so each name is made of
 * letters, digits and underscores, and made unique where two codes would meet.
 */
final class ScoreColumns {

    /** One column: which score it holds (subscale null for the total), under which name and label. */
    record Column(String name, String timepoint, String instrument, String subscale, String label) {
    }

    private final List<Column> columns;

    private ScoreColumns(List<Column> columns) {
        this.columns = columns;
    }

    static ScoreColumns of(Protocol protocol) {
        List<Column> columns = new ArrayList<>();
        Set<String> taken = new HashSet<>(List.of("participant", "site", "arm"));
        for (Timepoint timepoint : protocol.timepoints()) {
            for (String id : timepoint.instruments()) {
                Instrument instrument = protocol.instrument(id).orElseThrow();
                columns.add(new Column(unique(timepoint.id() + "_" + id + "_total", taken), timepoint.id(), id, null,
                        instrument.name() + ": total, " + timepoint.id()));
                for (Subscale subscale : instrument.subscales()) {
                    columns.add(new Column(unique(timepoint.id() + "_" + id + "_" + subscale.id(), taken), timepoint.id(),
                            id, subscale.id(), instrument.name() + ": " + subscale.name() + ", " + timepoint.id()));
                }
            }
        }
        return new ScoreColumns(List.copyOf(columns));
    }

    List<Column> all() {
        return columns;
    }

    /** Where this score's column is, or -1 if the wide export has none for it. */
    int indexOf(String timepoint, String instrument, String subscale) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column.timepoint().equals(timepoint) && column.instrument().equals(instrument)
                    && Objects.equals(column.subscale(), subscale)) {
                return i;
            }
        }
        return -1;
    }

    /** A name of letters, digits and underscores, beginning with a letter, not yet taken. */
    static String unique(String wanted, Set<String> taken) {
        String name = wanted.replaceAll("[^A-Za-z0-9_]", "_");
        if (!Character.isLetter(name.charAt(0))) {
            name = "v" + name;
        }
        String candidate = name;
        for (int n = 2; !taken.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}
