package org.trialkeeper.followup;

import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The rules an event request keeps on its own, before the participant is looked at. */
final class EventCheck {

    private EventCheck() {
    }

    /**
     * An event as it will be recorded: the reason stripped, and whether the data may be kept
     * for a withdrawal only.
     */
    record Checked(EventKind kind, LocalDate date, String reason, String timepoint, Boolean keepData) {

        /** Whether the participant's data may still be used after the event: only a withdrawal may say no. */
        boolean keepsData() {
            return keepData == null || keepData;
        }
    }

    /** @throws ProblemException 400 listing every rule the request breaks */
    static Checked check(Protocol protocol, Requests.EventRequest request, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        EventKind kind = kind(request.kind(), violations);
        LocalDate date = date(request.date(), today, violations);
        String reason = request.reason();
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            violations.add(new Violation("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    "is required, at most 2000 characters"));
        }
        boolean movesStatus = kind != null && kind.moves().isPresent();
        if (request.timepoint() == null && movesStatus) {
            violations.add(new Violation("timepoint", "required", "is required: the timepoint the event affects"));
        } else if (request.timepoint() != null && protocol.timepoint(request.timepoint()).isEmpty()) {
            violations.add(new Violation("timepoint", "one-of", "must be one of the protocol's timepoints: "
                    + String.join(", ", protocol.timepoints().stream().map(Timepoint::id).toList())));
        }
        Boolean keepData = Values.bool(request.keepData(), "keepData", violations);
        if (kind == EventKind.WITHDREW_CONSENT && request.keepData() == null) {
            violations.add(new Violation("keepData", "required",
                    "is required for a withdrawal: whether the data collected so far may be kept"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return new Checked(kind, date, reason.strip(), request.timepoint(),
                kind == EventKind.WITHDREW_CONSENT ? keepData : null);
    }

    private static EventKind kind(String code, List<Violation> violations) {
        if (code == null) {
            violations.add(new Violation("kind", "required", "is required: one of " + EventKind.codes()));
            return null;
        }
        EventKind kind = EventKind.of(code).orElse(null);
        if (kind == null) {
            violations.add(new Violation("kind", "one-of", "must be one of " + EventKind.codes()));
        }
        return kind;
    }

    private static LocalDate date(String text, LocalDate today, List<Violation> violations) {
        if (text == null) {
            violations.add(new Violation("date", "required", "is required, as YYYY-MM-DD"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.isAfter(today)) {
                violations.add(new Violation("date", "not-future", "must not be after today (UTC)"));
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("date", "format", "must be a date as YYYY-MM-DD"));
            return null;
        }
    }
}
