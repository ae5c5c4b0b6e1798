package org.trialkeeper.assessment;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads assessments from CSV in long format, one item response per row: participant (code),
 * timepoint, instrument, item, value (empty where unanswered), and optionally the assessor's
 * guess of the arm, given on any of an assessment's rows and the same wherever it is given. An
 * arm column, if present, is ignored and never stored. Every bad row is reported, as
 * {@code rows[N].column} with N the row of the file, counting the header as row 1; a file with
 * any bad row yields nothing.
 */
final class AssessmentImport {

    static final List<String> COLUMNS = List.of("participant", "timepoint", "instrument", "item", "value");
    static final String GUESS = "guess";
    private static final Set<String> IGNORED = Set.of("arm");

    /** One participant's answers to one instrument at one timepoint, as the file gives them, and the guess if given. */
    record Group(String participant, String timepoint, Instrument instrument, long firstLine, List<Integer> answers,
                 String guess) {
    }

    /** A guess as first given for an assessment, and on which row. */
    private record Guessed(String guess, long line) {
    }

    /** The assessments a file holds, and how many rows it had. */
    record Result(List<Group> groups, long rows) {
    }

    private AssessmentImport() {
    }

    /**
     * @param statuses the status of every participant of the trial, by code
     * @return the assessments the file holds, in order of first appearance; none if any row breaks a rule
     */
    static Result read(String csv, Protocol protocol, Map<String, ParticipantStatus> statuses,
                            List<Violation> violations) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, Guessed> guesses = new HashMap<>();
        Set<String> itemsSeen = new HashSet<>();
        long rows = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv == null ? "" : csv), format)) {
            if (!header(parser.getHeaderNames(), violations)) {
                return new Result(List.of(), 0);
            }
            for (CSVRecord record : parser) {
                rows++;
                long line = rows + 1;
                if (!record.isConsistent()) {
                    violations.add(new Violation("rows[" + line + "]", "columns", "must have "
                            + parser.getHeaderNames().size() + " columns, like the header; it has " + record.size()));
                    continue;
                }
                row(record, line, protocol, statuses, groups, guesses, itemsSeen, violations);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            violations.add(new Violation("file", "csv", "is not readable as CSV: " + e.getMessage()));
        }
        if (violations.isEmpty() && groups.isEmpty()) {
            violations.add(new Violation("file", "empty", "holds no rows after the header"));
        }
        if (!violations.isEmpty()) {
            return new Result(List.of(), rows);
        }
        List<Group> read = groups.entrySet().stream().map(entry -> {
            Group group = entry.getValue();
            Guessed guessed = guesses.get(entry.getKey());
            return new Group(group.participant(), group.timepoint(), group.instrument(), group.firstLine(), group.answers(),
                    guessed == null ? null : guessed.guess());
        }).toList();
        return new Result(read, rows);
    }

    private static boolean header(List<String> names, List<Violation> violations) {
        int before = violations.size();
        for (String column : COLUMNS) {
            if (!names.contains(column)) {
                violations.add(new Violation("header", "required", "must name the column '" + column + "'; the columns are "
                        + String.join(", ", COLUMNS) + ", optionally " + GUESS + " (an arm column is ignored)"));
            }
        }
        for (String name : names) {
            if (!COLUMNS.contains(name) && !GUESS.equals(name) && !IGNORED.contains(name)) {
                violations.add(new Violation("header", "unknown-column", "'" + name + "' is not one of "
                        + String.join(", ", COLUMNS) + " or " + GUESS + " (an arm column is ignored)"));
            }
        }
        return violations.size() == before;
    }

    private static void row(CSVRecord record, long line, Protocol protocol, Map<String, ParticipantStatus> statuses,
                            Map<String, Group> groups, Map<String, Guessed> guesses, Set<String> itemsSeen,
                            List<Violation> violations) {
        String at = "rows[" + line + "].";
        int before = violations.size();
        String code = record.get("participant");
        ParticipantStatus status = statuses.get(code);
        if (code.isEmpty()) {
            violations.add(new Violation(at + "participant", "required", "is required"));
        } else if (status == null) {
            violations.add(new Violation(at + "participant", "unknown", "'" + code + "' is not a participant of this trial"));
        } else if (!status.randomised()) {
            violations.add(new Violation(at + "participant", "not-randomised", "'" + code + "' is not randomised"));
        } else if (!status.acceptsAssessments()) {
            violations.add(new Violation(at + "participant", "withdrawn", "'" + code + "' withdrew consent"));
        }
        String timepoint = record.get("timepoint");
        Instrument instrument = Responses.instrumentAt(protocol, record.get("instrument"), timepoint,
                at + "instrument", at + "timepoint", violations).orElse(null);
        Integer item = whole(record.get("item"), at + "item", violations);
        if (instrument != null && item != null && (item < 1 || item > instrument.items())) {
            violations.add(new Violation(at + "item", "range", "must be from 1 to " + instrument.items()));
        }
        String rawValue = record.get("value");
        Integer value = rawValue.isEmpty() ? null : whole(rawValue, at + "value", violations);
        if (instrument != null && value != null && (value < instrument.itemMin() || value > instrument.itemMax())) {
            violations.add(Responses.outOfRange(at + "value", instrument));
        }
        String guess = record.isMapped(GUESS) ? record.get(GUESS) : "";
        if (!guess.isEmpty() && Guess.of(guess).isEmpty()) {
            violations.add(new Violation(at + GUESS, "one-of", "must be " + Guess.CODES + ", or empty"));
        }
        if (violations.size() > before) {
            return;
        }
        if (!itemsSeen.add(code + "\n" + timepoint + "\n" + instrument.id() + "\n" + item)) {
            violations.add(new Violation(at + "item", "duplicate", "item " + item + " of " + instrument.id() + " at "
                    + timepoint + " for '" + code + "' is on an earlier row too"));
            return;
        }
        String assessment = code + "\n" + timepoint + "\n" + instrument.id();
        if (!guess.isEmpty()) {
            Guessed earlier = guesses.putIfAbsent(assessment, new Guessed(guess, line));
            if (earlier != null && !earlier.guess().equals(guess)) {
                violations.add(new Violation(at + GUESS, "conflict", "is '" + guess + "', but row " + earlier.line()
                        + " gives '" + earlier.guess() + "' for the same assessment"));
                return;
            }
        }
        Group group = groups.computeIfAbsent(assessment, key -> new Group(code, timepoint, instrument, line,
                Arrays.asList(new Integer[instrument.items()]), null));
        group.answers().set(item - 1, value);
    }

    private static Integer whole(String text, String field, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(new Violation(field, "required", "is required"));
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            violations.add(new Violation(field, "type", "must be a whole number"));
            return null;
        }
    }
}
