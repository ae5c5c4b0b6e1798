package org.trialkeeper.audit;

import org.trialkeeper.access.Actor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to record: who did what to which entity, the values before and after, and why.
 * Values are structures (maps, lists, numbers, strings) that the trail writes as JSON.
 */
public record AuditEvent(Actor actor, Long trialId, String action, String entity, String entityId,
                         Object before, Object after, String reason, boolean revealsAllocation) {

    /** An action on an entity, in a trial or (trialId null) in the service as a whole. */
    public static AuditEvent of(Actor actor, Long trialId, String action, String entity, Object entityId) {
        return new AuditEvent(actor, trialId, action, entity, entityId == null ? null : entityId.toString(),
                null, null, null, false);
    }

    public AuditEvent before(Object value) {
        return new AuditEvent(actor, trialId, action, entity, entityId, value, after, reason, revealsAllocation);
    }

    public AuditEvent after(Object value) {
        return new AuditEvent(actor, trialId, action, entity, entityId, before, value, reason, revealsAllocation);
    }

    public AuditEvent because(String why) {
        return new AuditEvent(actor, trialId, action, entity, entityId, before, after, why, revealsAllocation);
    }

    /** The record tells an arm: it is kept from readers who may not see allocations. */
    public AuditEvent revealingAllocation() {
        return new AuditEvent(actor, trialId, action, entity, entityId, before, after, reason, true);
    }

    /** A value of named fields in the order given: name, value, name, value, ... */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in pairs of a name and a value");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
