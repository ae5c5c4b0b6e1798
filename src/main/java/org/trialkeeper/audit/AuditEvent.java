package org.trialkeeper.audit;

import org.trialkeeper.security.Actor;

/** A change to record: who did what to which entity, the values before and after, and why. */
public record AuditEvent(Actor actor, Long trialId, String action, String entity, String entityId,
                         String before, String after, String reason, boolean revealsAllocation) {

    public static AuditEvent of(Actor actor, Long trialId, String action, String entity, Object entityId,
                                String before, String after) {
        return new AuditEvent(actor, trialId, action, entity, entityId == null ? null : entityId.toString(),
                before, after, null, false);
    }

    public AuditEvent because(String why) {
        return new AuditEvent(actor, trialId, action, entity, entityId, before, after, why, revealsAllocation);
    }
}
