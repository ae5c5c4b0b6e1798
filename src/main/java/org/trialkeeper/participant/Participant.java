package org.trialkeeper.participant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A screened person as stored: the baseline and eligibility answers as JSON, the failed
 * criteria joined by commas, and the follow-up facts that later events change.
 */
@MappedEntity("participant")
record Participant(@Id @GeneratedValue Long id, Long trialId, String code, String site, String baselineJson,
                   String eligibilityJson, String failedCriteria, Consent consent, ParticipantStatus status,
                   @Nullable Long screenedBy, Instant screenedAt, Instant updatedAt, boolean perProtocolExcluded,
                   @Nullable String perProtocolReason, boolean perProtocolOverridden, boolean keepData) {

    /** A person just screened: counted in the per-protocol analysis, their data kept, until follow-up decides otherwise. */
    static Participant screened(long trialId, String code, String site, Screening.Outcome outcome, String baselineJson,
                                String eligibilityJson, Long screenedBy, Instant at) {
        return new Participant(null, trialId, code, site, baselineJson, eligibilityJson,
                String.join(",", outcome.failedCriteria()), outcome.consent(), outcome.status(), screenedBy, at, at,
                false, null, false, true);
    }

    /** The failed criteria as stored, one by one. */
    static List<String> criteria(String failedCriteria) {
        return failedCriteria.isEmpty() ? List.of() : Arrays.asList(failedCriteria.split(","));
    }

    PerProtocol perProtocol() {
        return new PerProtocol(perProtocolExcluded, perProtocolReason, perProtocolOverridden);
    }
}
