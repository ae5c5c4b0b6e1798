package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import jakarta.persistence.criteria.Predicate;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a participant list is narrowed to and ordered by: part of a code, a site, a status, and
 * the order screened or by code. A page starts after the key (id or code) the previous one ended with.
 */
public record ParticipantSearch(@Nullable String code, @Nullable String site, @Nullable ParticipantStatus status,
                                Order order) {

    /** How the list is ordered; each order has its own key for the next page. */
    public enum Order {
        SCREENED, CODE
    }

    private static final Pattern CODE_PART = Pattern.compile("[A-Za-z0-9_.:-]{1,32}");

    /** The search a page or a request asked for, checked: each broken rule names its field. */
    public static ParticipantSearch of(@Nullable String code, @Nullable String site, @Nullable String status,
                                       @Nullable String order) {
        List<Violation> violations = new ArrayList<>();
        String part = blankToNull(code);
        if (part != null && !CODE_PART.matcher(part).matches()) {
            violations.add(new Violation("code", "pattern", "is up to 32 letters, digits, '_', '.', ':' or '-'"));
        }
        ParticipantStatus wanted = null;
        if (blankToNull(status) != null) {
            wanted = Arrays.stream(ParticipantStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
            if (wanted == null) {
                violations.add(new Violation("status", "one-of", "is one of " + Arrays.toString(ParticipantStatus.values())));
            }
        }
        Order sorted = Order.SCREENED;
        if (blankToNull(order) != null) {
            sorted = Arrays.stream(Order.values()).filter(o -> o.name().equalsIgnoreCase(order)).findFirst().orElse(null);
            if (sorted == null) {
                violations.add(new Violation("sort", "one-of", "is 'screened' or 'code'"));
            }
        }
        String where = blankToNull(site);
        if (where != null && where.length() > 32) {
            violations.add(new Violation("site", "max-length", "is a site code of at most 32 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return new ParticipantSearch(part, where, wanted, sorted);
    }

    /** Whether the search narrows the list at all. */
    public boolean narrowed() {
        return code != null || site != null || status != null;
    }

    /** The rows of the trial this search keeps, after the previous page's last key (empty: from the first). */
    PredicateSpecification<Participant> rows(long trialId, String after) {
        return (root, criteria) -> {
            List<Predicate> kept = new ArrayList<>();
            kept.add(criteria.equal(root.get("trialId"), trialId));
            if (code != null) {
                // '_' matches itself or any one character: a wider match, never a missed one
                kept.add(criteria.like(root.get("code"), "%" + code + "%"));
            }
            if (site != null) {
                kept.add(criteria.equal(root.get("site"), site));
            }
            if (status != null) {
                kept.add(criteria.equal(root.get("status"), status));
            }
            if (!after.isEmpty()) {
                kept.add(order == Order.CODE ? criteria.greaterThan(root.get("code"), after)
                        : criteria.greaterThan(root.get("id"), afterId(after)));
            }
            return criteria.and(kept.toArray(new Predicate[0]));
        };
    }

    private static long afterId(String after) {
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException notAnId) {
            throw ProblemException.invalidRequest("after", "type", "is the id the previous page ended with");
        }
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
