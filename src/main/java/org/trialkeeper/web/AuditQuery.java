package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import org.trialkeeper.audit.AuditFilter;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit page's filter as typed: kept as it was, to show in the form again and to carry from
 * page to page. Days are UTC days, both included.
 */
public record AuditQuery(String trial, String user, String action, String from, String to) {

    public AuditQuery {
        trial = typed(trial);
        user = typed(user);
        action = typed(action);
        from = typed(from);
        to = typed(to);
    }

    /** The filter the query asks for, or a refusal naming each field that cannot be read. */
    AuditFilter filter() {
        List<Violation> violations = new ArrayList<>();
        Long trialId = null;
        if (!trial.isEmpty()) {
            try {
                trialId = Long.parseLong(trial);
            } catch (NumberFormatException e) {
                violations.add(new Violation("trial", "type", "a trial's number"));
            }
        }
        LocalDate first = day("from", from, violations);
        LocalDate last = day("to", to, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return new AuditFilter(trialId, user.isEmpty() ? null : user, action.isEmpty() ? null : action,
                first == null ? null : start(first), last == null ? null : start(last.plusDays(1)));
    }

    /** The form field that holds a refused part of the filter. */
    static String formField(String path) {
        return "until".equals(path) ? "to" : path;
    }

    /** This filter's page of the trail that begins before record number {@code before}, or its first page. */
    String link(@Nullable Long before) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("trial", trial);
        parameters.put("user", user);
        parameters.put("action", action);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("before", before == null ? "" : before.toString());
        StringBuilder link = new StringBuilder(Pages.ROOT + "/admin/audit");
        parameters.forEach((name, value) -> {
            if (!value.isEmpty()) {
                link.append(link.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return link.toString();
    }

    private static LocalDate day(String field, String typed, List<Violation> violations) {
        if (typed.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(typed);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "date", "a day as yyyy-mm-dd"));
            return null;
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String typed(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
