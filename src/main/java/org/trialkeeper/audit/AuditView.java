package org.trialkeeper.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A record as a reader sees it: {@code seq} numbers it in the whole trail (pages go by it),
 * {@code chain} and {@code chainSeq} say where it stands in its chain.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(long seq, String chain, long chainSeq, Instant recordedAt, String username, String role,
                        Long trialId, String action, String entity, String entityId, String before, String after,
                        String reason, boolean redacted) {

    static final String REDACTED = "[redacted: reveals an allocation]";

    /**
     * Hidden, a record keeps its numbers, time, user, role and action, so that the trail stays
     * whole and counts of actions stay readable; but it names no entity, value or reason, since
     * attendance, per-protocol decisions and the waitlist's delayed intervention happen in one arm
     * only and would tell whose arm it is.
     */
    static AuditView of(AuditRecord record, boolean showValues) {
        return new AuditView(record.id(), record.chain(), record.seq(), record.recordedAt(), record.username(),
                record.role(), record.trialId(), record.action(), record.entity(), hidden(record.entityId(), showValues),
                hidden(record.before(), showValues), hidden(record.after(), showValues),
                hidden(record.reason(), showValues), !showValues);
    }

    private static String hidden(String value, boolean show) {
        return show || value == null ? value : REDACTED;
    }
}
