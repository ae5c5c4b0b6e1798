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

    static AuditView of(AuditEntry entry, boolean showValues) {
        return new AuditView(entry.seq(), entry.recordedAt(), entry.username(), entry.role(), entry.trialId(),
                entry.action(), entry.entity(), entry.entityId(),
                showValues || entry.before() == null ? entry.before() : REDACTED,
                showValues || entry.after() == null ? entry.after() : REDACTED,
                entry.reason(), !showValues);
    }
}
