package org.trialkeeper.web;

import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A refusal as a form shows it: each broken rule beside the form field that holds it, with the
 * path of the rule's own field where that says more (a protocol's {@code arms[1].ratio} beside
 * the protocol), and what belongs to no field above the form.
 */
public record FormErrors(Map<String, List<Message>> fields, List<String> general) {

    static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    /** One sentence beside a field; {@code path} names the part of the field's value it is about, or is null. */
    public record Message(String path, String text) {
    }

    /**
     * @param fieldOf the form field that holds a violation's field, or null where none does
     */
    static FormErrors of(ProblemException problem, Function<String, String> fieldOf) {
        Map<String, List<Message>> fields = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (Violation violation : problem.violations()) {
            String field = fieldOf.apply(violation.field());
            if (field == null) {
                general.add(violation.field() + ": " + violation.message());
            } else {
                String path = field.equals(violation.field()) ? null : violation.field();
                fields.computeIfAbsent(field, f -> new ArrayList<>()).add(new Message(path, violation.message()));
            }
        }
        if (problem.violations().isEmpty()) {
            general.add(problem.title() + ": " + problem.getMessage());
        } else if (general.isEmpty()) {
            general.add(problem.title() + ": the messages beside the fields say what to change");
        }
        return new FormErrors(fields, general);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public List<Message> at(String field) {
        return fields.getOrDefault(field, List.of());
    }
}
