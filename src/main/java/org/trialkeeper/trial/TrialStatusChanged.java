package org.trialkeeper.trial;

import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Published inside the transaction that changes a trial's status, so that what other features
 * do on the change (generating the allocation lists when recruitment opens) commits with it.
 * It is published while only the trial's own row is locked: listeners hand their audit records
 * to {@link #alsoRecord}, and they are appended after the change's own record once every
 * listener is done, so the audit chain, which every trial's writes wait for, is locked only
 * for the appending and not while lists are generated.
 */
public final class TrialStatusChanged {

    private final long trialId;
    private final TrialStatus from;
    private final TrialStatus to;
    private final Actor actor;
    private final List<AuditEvent> records = new ArrayList<>();

    TrialStatusChanged(long trialId, TrialStatus from, TrialStatus to, Actor actor) {
        this.trialId = trialId;
        this.from = from;
        this.to = to;
        this.actor = actor;
    }

    public long trialId() {
        return trialId;
    }

    public TrialStatus from() {
        return from;
    }

    public TrialStatus to() {
        return to;
    }

    public Actor actor() {
        return actor;
    }

    /** A record of what a listener did on the change, written in the same transaction after the change's own. */
    public void alsoRecord(AuditEvent event) {
        records.add(event);
    }

    List<AuditEvent> records() {
        return List.copyOf(records);
    }
}
