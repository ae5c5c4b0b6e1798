package org.trialkeeper.harms;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An adverse event of a randomised participant, as last corrected. Each correction moves the
 * revision on, which re-opens a serious event to everyone notified of it.
 *
 * @param criteria the seriousness criteria's codes, comma-separated; empty when not serious
 */
@MappedEntity("adverse_event")
record AdverseEvent(@Id @GeneratedValue Long id, Long trialId, Long participantId, LocalDate onset, String description,
                    boolean serious, String criteria, Severity severity, Relatedness relatedness, EventOutcome outcome,
                    @Nullable Long recordedBy, Instant recordedAt, @Nullable Instant correctedAt, int revision) {

    static AdverseEvent recorded(long trialId, long participantId, AdverseEventCheck.Checked event, Long recordedBy,
                                 Instant at) {
        return new AdverseEvent(null, trialId, participantId, event.onset(), event.description(), event.serious(),
                joined(event.criteria()), event.severity(), event.relatedness(), event.outcome(), recordedBy, at, null, 1);
    }

    /** This event as corrected: who recorded it and when stay, the revision counts on. */
    AdverseEvent corrected(AdverseEventCheck.Checked event, Instant at) {
        return new AdverseEvent(id, trialId, participantId, event.onset(), event.description(), event.serious(),
                joined(event.criteria()), event.severity(), event.relatedness(), event.outcome(), recordedBy, recordedAt,
                at, revision + 1);
    }

    List<String> criteriaCodes() {
        return criteria.isEmpty() ? List.of() : Arrays.asList(criteria.split(","));
    }

    private static String joined(List<SeriousCriterion> criteria) {
        return criteria.stream().map(SeriousCriterion::code).collect(Collectors.joining(","));
    }
}
