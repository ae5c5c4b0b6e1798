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
    private static final String NOT_CSV = "is not well-formed CSV: a quoted value must end with a quote, followed by"
            + " a comma or the end of the row, and each column must be named once";

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

    private final Protocol protocol;
    private final Map<String, ParticipantStatus> statuses;
    private final List<Violation> violations;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Guessed> guesses = new HashMap<>();
    private final Set<String> itemsSeen = new HashSet<>();

    private AssessmentImport(Protocol protocol, Map<String, ParticipantStatus> statuses, List<Violation> violations) {
        this.protocol = protocol;
        this.statuses = statuses;
        this.violations = violations;
    }

    /**
     * @param statuses the status of every participant of the trial, by code
     * @return the assessments the file holds, in order of first appearance; none if any row breaks a rule
     */
    static Result read(String csv, Protocol protocol, Map<String, ParticipantStatus> statuses,
                            List<Violation> violations) {
        AssessmentImport file = new AssessmentImport(protocol, statuses, violations);
        long rows = file.rows(csv);
        if (violations.isEmpty() && file.groups.isEmpty()) {
            violations.add(new Violation("file", "empty", "holds no rows after the header"));
        }
        return violations.isEmpty() ? new Result(file.guessed(), rows) : new Result(List.of(), rows);
    }

    /**
     * Reads every row, and answers how many there were; none when the header is wrong. A file
     * that is not CSV is named by its first broken row, never by the parser's message, which
     * carries its class names.
     */
    private long rows(String csv) {
        long rows = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv == null ? "" : csv), format)) {
            if (!header(parser.getHeaderNames(), violations)) {
                return 0;
            }
            for (CSVRecord record : parser) {
                rows++;
                long line = rows + 1;
                if (record.isConsistent()) {
                    row(record, line);
                } else {
                    violations.add(new Violation("rows[" + line + "]", "columns", "must have "
                            + parser.getHeaderNames().size() + " columns, like the header; it has " + record.size()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            violations.add(new Violation("header", "csv", NOT_CSV));
        } catch (UncheckedIOException | IllegalStateException e) {
            violations.add(new Violation("rows[" + (rows + 2) + "]", "csv", NOT_CSV));
        }
        return rows;
    }

    /** The groups with the guess each was given, if any. */
    private List<Group> guessed() {
        return groups.entrySet().stream().map(entry -> {
            Group group = entry.getValue();
            Guessed guessed = guesses.get(entry.getKey());
            return new Group(group.participant(), group.timepoint(), group.instrument(), group.firstLine(), group.answers(),
                    guessed == null ? null : guessed.guess());
        }).toList();
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

    private void row(CSVRecord record, long line) {
        String at = "rows[" + line + "].";
        int before = violations.size();
        String code = record.get("participant");
        participant(at, code);
        String timepoint = record.get("timepoint");
        Instrument instrument = Responses.instrumentAt(protocol, record.get("instrument"), timepoint,
                at + "instrument", at + "timepoint", violations).orElse(null);
        Integer item = item(at, record.get("item"), instrument);
        Integer value = value(at, record.get("value"), instrument);
        String guess = record.isMapped(GUESS) ? record.get(GUESS) : "";
        if (!guess.isEmpty() && Guess.of(guess).isEmpty()) {
            violations.add(new Violation(at + GUESS, "one-of", "must be " + Guess.CODES + ", or empty"));
        }
        if (violations.size() == before) {
            answer(at, line, new Answer(code, timepoint, instrument, item, value, guess));
        }
    }

    /** One row that broke no rule of its own: one item's answer, and the guess if the row gives one. */
    private record Answer(String participant, String timepoint, Instrument instrument, int item, Integer value,
                          String guess) {

        String assessment() {
            return participant + "\n" + timepoint + "\n" + instrument.id();
        }
    }

    private void participant(String at, String code) {
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
    }

    private Integer item(String at, String text, Instrument instrument) {
        Integer item = whole(text, at + "item", violations);
        if (instrument != null && item != null && (item < 1 || item > instrument.items())) {
            violations.add(new Violation(at + "item", "range", "must be from 1 to " + instrument.items()));
        }
        return item;
    }

    private Integer value(String at, String text, Instrument instrument) {
        Integer value = text.isEmpty() ? null : whole(text, at + "value", violations);
        if (instrument != null && value != null && (value < instrument.itemMin() || value > instrument.itemMax())) {
            violations.add(Responses.outOfRange(at + "value", instrument));
        }
        return value;
    }

    /** Adds the answer to its assessment, unless the item is answered twice or the guess differs from an earlier row's. */
    private void answer(String at, long line, Answer answer) {
        if (!itemsSeen.add(answer.assessment() + "\n" + answer.item())) {
            violations.add(new Violation(at + "item", "duplicate", "item " + answer.item() + " of "
                    + answer.instrument().id() + " at " + answer.timepoint() + " for '" + answer.participant()
                    + "' is on an earlier row too"));
            return;
        }
        if (!answer.guess().isEmpty()) {
            Guessed earlier = guesses.putIfAbsent(answer.assessment(), new Guessed(answer.guess(), line));
            if (earlier != null && !earlier.guess().equals(answer.guess())) {
                violations.add(new Violation(at + GUESS, "conflict", "is '" + answer.guess() + "', but row "
                        + earlier.line() + " gives '" + earlier.guess() + "' for the same assessment"));
                return;
            }
        }
        Group group = groups.computeIfAbsent(answer.assessment(), key -> new Group(answer.participant(),
                answer.timepoint(), answer.instrument(), line, Arrays.asList(new Integer[answer.instrument().items()]),
                null));
        group.answers().set(answer.item() - 1, answer.value());
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
