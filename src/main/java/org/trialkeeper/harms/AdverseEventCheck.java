package org.trialkeeper.harms;

import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules an adverse event keeps on its own, before the participant is looked at; every broken one is named. */
final class AdverseEventCheck {

    private static final int MAX_DESCRIPTION = 2000;

    private AdverseEventCheck() {
    }

    /** An adverse event as it will be stored: the description stripped, criteria in the order given. */
    record Checked(LocalDate onset, String description, boolean serious, List<SeriousCriterion> criteria,
                   Severity severity, Relatedness relatedness, EventOutcome outcome) {
    }

    /**
     * @param correction whether the request corrects a recorded event, which needs a reason
     * @throws ProblemException 400 {@code invalid-request} listing every rule the request breaks
     */
    static Checked check(AdverseEventRequest request, LocalDate today, boolean correction) {
        List<Violation> violations = new ArrayList<>();
        LocalDate onset = onset(request.onset(), today, violations);
        String description = request.description();
        if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
            violations.add(new Violation("description", description == null || description.isBlank()
                    ? "required" : "max-length", "is required: what happened, in at most " + MAX_DESCRIPTION + " characters"));
        }
        Boolean serious = Values.bool(request.serious(), "serious", violations);
        if (request.serious() == null) {
            violations.add(new Violation("serious", "required", "is required: true or false"));
        }
        List<SeriousCriterion> criteria = criteria(request.criteria(), serious, violations);
        Severity severity = code(Severity.class, "severity", request.severity(), violations);
        Relatedness relatedness = code(Relatedness.class, "relatedness", request.relatedness(), violations);
        EventOutcome outcome = code(EventOutcome.class, "outcome", request.outcome(), violations);
        if (outcome == EventOutcome.FATAL && !criteria.contains(SeriousCriterion.DEATH)) {
            violations.add(new Violation("outcome", "fatal-needs-death",
                    "a fatal outcome makes the event serious, with death among its criteria"));
        }
        String reason = request.reason();
        if (correction && (reason == null || reason.isBlank() || reason.length() > MAX_DESCRIPTION)) {
            violations.add(new Violation("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    "a correction needs a reason of at most " + MAX_DESCRIPTION + " characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return new Checked(onset, description.strip(), serious, criteria, severity, relatedness, outcome);
    }

    private static LocalDate onset(String text, LocalDate today, List<Violation> violations) {
        if (text == null) {
            violations.add(new Violation("onset", "required", "is required: the date the event began, as YYYY-MM-DD"));
            return null;
        }
        try {
            LocalDate onset = LocalDate.parse(text);
            if (onset.isAfter(today)) {
                violations.add(new Violation("onset", "not-future", "must not be after today (UTC)"));
            }
            return onset;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("onset", "format", "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    /** Whether criteria are needed is known only once seriousness is. */
    private static List<SeriousCriterion> criteria(List<String> codes, Boolean serious, List<Violation> violations) {
        List<String> given = codes == null ? List.of() : codes;
        if (Boolean.TRUE.equals(serious) && given.isEmpty()) {
            violations.add(new Violation("criteria", "required", "a serious event needs at least one of "
                    + Coded.codes(SeriousCriterion.class)));
        } else if (Boolean.FALSE.equals(serious) && !given.isEmpty()) {
            violations.add(new Violation("criteria", "serious-only", "are given for a serious event only"));
        }
        List<SeriousCriterion> criteria = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<SeriousCriterion> criterion = Coded.of(SeriousCriterion.class, given.get(i));
            if (criterion.isEmpty()) {
                violations.add(new Violation("criteria[" + i + "]", "one-of", "must be one of "
                        + Coded.codes(SeriousCriterion.class)));
            } else if (criteria.contains(criterion.get())) {
                violations.add(new Violation("criteria[" + i + "]", "duplicate", "is given more than once"));
            } else {
                criteria.add(criterion.get());
            }
        }
        return criteria;
    }

    private static <E extends Enum<E> & Coded> E code(Class<E> type, String field, String code, List<Violation> violations) {
        if (code == null) {
            violations.add(new Violation(field, "required", "is required: one of " + Coded.codes(type)));
            return null;
        }
        Optional<E> value = Coded.of(type, code);
        if (value.isEmpty()) {
            violations.add(new Violation(field, "one-of", "must be one of " + Coded.codes(type)));
        }
        return value.orElse(null);
    }
}
