package org.trialkeeper.report;

import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.report.Variable.Level;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The levels of the codebook's categories that are the service's own, not the protocol's, in words. */
final class CodebookLevels {

    private static final Map<Status, String> STATUSES = Map.of(
            Status.INELIGIBLE, "Not eligible",
            Status.DECLINED, "Declined to participate",
            Status.ENROLLED, "Enrolled, never randomised",
            Status.RANDOMISED, "Randomised",
            Status.DID_NOT_RECEIVE, "Did not receive the allocated intervention",
            Status.DISCONTINUED, "Discontinued the intervention",
            Status.LOST_TO_FOLLOW_UP, "Lost to follow-up",
            Status.WITHDRAWN, "Withdrew consent",
            Status.EXCLUDED_FROM_ANALYSIS, "Excluded from analysis");

    private static final Map<Guess, String> GUESSES = Map.of(
            Guess.INTERVENTION, "Intervention",
            Guess.CONTROL, "Control",
            Guess.DONT_KNOW, "Don't know");

    private CodebookLevels() {
    }

    /** How screening ended, as the participants export writes it. */
    static List<Level> screening() {
        return List.of(new Level(Status.INELIGIBLE.name(), STATUSES.get(Status.INELIGIBLE)),
                new Level(Status.DECLINED.name(), STATUSES.get(Status.DECLINED)),
                new Level(Status.ENROLLED.name(), "Enrolled"));
    }

    static List<Level> statuses() {
        List<Level> levels = new ArrayList<>();
        for (Status status : Status.values()) {
            levels.add(new Level(status.name(), STATUSES.get(status)));
        }
        return levels;
    }

    static List<Level> guesses() {
        List<Level> levels = new ArrayList<>();
        for (Guess guess : Guess.values()) {
            levels.add(new Level(guess.code(), GUESSES.get(guess)));
        }
        return levels;
    }

    /**
     * "total", then every subscale code of the protocol's instruments. A code two instruments
     * share is one level, labelled with both names; a label is never given twice, or a factor
     * would fold two levels into one.
     */
    static List<Level> scores(Protocol protocol) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put(LongScores.TOTAL, new ArrayList<>(List.of("Total")));
        for (Instrument instrument : protocol.instruments()) {
            for (Subscale subscale : instrument.subscales()) {
                List<String> named = names.computeIfAbsent(subscale.id(), id -> new ArrayList<>());
                if (!named.contains(subscale.name())) {
                    named.add(subscale.name());
                }
            }
        }
        List<Level> levels = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        names.forEach((code, named) -> {
            String label = String.join(" / ", named);
            levels.add(new Level(code, labels.add(label) ? label : label + " (" + code + ")"));
        });
        return levels;
    }
}
