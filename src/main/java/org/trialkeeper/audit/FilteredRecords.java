package org.trialkeeper.audit;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import jakarta.persistence.criteria.Predicate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The query of a filtered page of the trail: only the conditions the filter names, so each can use its index. */
final class FilteredRecords {

    static final Pageable NEWEST_100 = Pageable.from(0, 100, Sort.of(Sort.Order.desc("id")), false);

    private FilteredRecords() {
    }

    static PredicateSpecification<AuditRecord> before(AuditFilter filter, long beforeSeq) {
        return (root, criteria) -> {
            List<Predicate> conditions = new ArrayList<>();
            conditions.add(criteria.lessThan(root.<Long>get("id"), beforeSeq));
            if (filter.trialId() != null) {
                conditions.add(criteria.equal(root.get("trialId"), filter.trialId()));
            }
            if (filter.username() != null) {
                conditions.add(criteria.equal(root.get("username"), filter.username()));
            }
            if (filter.action() != null) {
                // the filter holds no wildcard: AuditFilter lets through letters, digits, dots and hyphens only
                conditions.add(criteria.like(root.get("action"), filter.action() + "%"));
            }
            if (filter.from() != null) {
                conditions.add(criteria.greaterThanOrEqualTo(root.<Instant>get("recordedAt"), filter.from()));
            }
            if (filter.until() != null) {
                conditions.add(criteria.lessThan(root.<Instant>get("recordedAt"), filter.until()));
            }
            return criteria.and(conditions.toArray(new Predicate[0]));
        };
    }
}
