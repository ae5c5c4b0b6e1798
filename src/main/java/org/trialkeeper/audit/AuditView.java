package org.trialkeeper.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(long seq, Instant recordedAt, String username, String role, Long trialId, String action,
                        String entity, String entityId, String before, String after, String reason,
                        boolean redacted) {

    static final String REDACTED = "[redacted: reveals an allocation]";

    /**
     * A record as a reader sees it. Hidden, a record keeps its number, time, user, role and
     * action, so that the trail stays whole and counts of actions stay readable; but it names no
     * entity, value or reason, since attendance, per-protocol decisions and the waitlist's delayed
     * intervention happen in one arm only and would tell whose arm it is.
     */
    static AuditView of(AuditEntry entry, boolean showValues) {
        return new AuditView(entry.seq(), entry.recordedAt(), entry.username(), entry.role(), entry.trialId(),
                entry.action(), entry.entity(), hidden(entry.entityId(), showValues),
                hidden(entry.before(), showValues), hidden(entry.after(), showValues),
                hidden(entry.reason(), showValues), !showValues);
    }

    private static String hidden(String value, boolean show) {
        return show || value == null ? value : REDACTED;
    }
}
