package org.trialkeeper.assessment;

import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Checks of what an assessor sends against the protocol's instruments and timepoints. */
final class Responses {

    private Responses() {
    }

    /** The instrument, if it is one of the protocol's and is given at the timepoint; otherwise the violations say why. */
    static Optional<Instrument> instrumentAt(Protocol protocol, String instrumentId, String timepointId,
                                             String instrumentField, String timepointField, List<Violation> violations) {
        Optional<Instrument> instrument = named(instrumentId, instrumentField, "instruments", protocol::instrument,
                protocol.instruments().stream().map(Instrument::id).toList(), violations);
        Optional<Timepoint> timepoint = named(timepointId, timepointField, "timepoints", protocol::timepoint,
                protocol.timepoints().stream().map(Timepoint::id).toList(), violations);
        if (instrument.isPresent() && timepoint.isPresent() && !timepoint.get().instruments().contains(instrumentId)) {
            violations.add(new Violation(instrumentField, "not-at-timepoint", "is not given at timepoint '"
                    + timepointId + "', which has " + String.join(", ", timepoint.get().instruments())));
            return Optional.empty();
        }
        return instrument;
    }

    /** What the id names in the protocol, if it is given and names something; otherwise a violation says what it may be. */
    private static <T> Optional<T> named(String id, String field, String kind, Function<String, Optional<T>> find,
                                         List<String> ids, List<Violation> violations) {
        if (id == null || id.isBlank()) {
            violations.add(new Violation(field, "required", "is required"));
            return Optional.empty();
        }
        Optional<T> found = find.apply(id);
        if (found.isEmpty()) {
            violations.add(new Violation(field, "one-of", "must be one of the protocol's " + kind + ": "
                    + String.join(", ", ids)));
        }
        return found;
    }

    /**
     * The answers, one per item in item order (null where unanswered), each an integer within
     * the item's range; null if any breaks a rule, which the violations then name.
     */
    static List<Integer> answers(Instrument instrument, List<Object> raw, String field, List<Violation> violations) {
        if (raw == null) {
            violations.add(new Violation(field, "required", "is required: one answer per item, null where unanswered"));
            return null;
        }
        if (raw.size() != instrument.items()) {
            violations.add(new Violation(field, "item-count", "must hold " + instrument.items() + " answers, one per item of "
                    + instrument.id() + ", null where unanswered; it holds " + raw.size()));
            return null;
        }
        List<Integer> answers = new ArrayList<>(raw.size());
        int before = violations.size();
        for (int i = 0; i < raw.size(); i++) {
            Object value = raw.get(i);
            if (value == null) {
                answers.add(null);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                long number = ((Number) value).longValue();
                if (number < instrument.itemMin() || number > instrument.itemMax()) {
                    violations.add(outOfRange(field + "[" + i + "]", instrument));
                }
                answers.add((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number)));
            } else {
                violations.add(new Violation(field + "[" + i + "]", "type", "must be a whole number or null"));
                answers.add(null);
            }
        }
        return violations.size() == before ? answers : null;
    }

    static Violation outOfRange(String field, Instrument instrument) {
        return new Violation(field, "range", "must be from " + instrument.itemMin() + " to " + instrument.itemMax());
    }

    /** Item number to answer, leaving out the unanswered. */
    static Map<Integer, Integer> byItem(List<Integer> answers) {
        Map<Integer, Integer> byItem = new LinkedHashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i) != null) {
                byItem.put(i + 1, answers.get(i));
            }
        }
        return byItem;
    }

    /** The guess's code, or null when none was given; a violation when it is not one of the three. */
    static String guess(String guess, List<Violation> violations) {
        if (guess == null) {
            return null;
        }
        if (Guess.of(guess).isEmpty()) {
            violations.add(new Violation("guess", "one-of", "must be " + Guess.CODES));
            return null;
        }
        return guess;
    }
}
