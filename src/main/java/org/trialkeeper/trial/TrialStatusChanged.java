package org.trialkeeper.trial;

import org.trialkeeper.access.Actor;

/**
 * Published inside the transaction that changes a trial's status, so that what other features
 * do on the change (generating the allocation lists when recruitment opens) commits with it.
 */
public record TrialStatusChanged(long trialId, TrialStatus from, TrialStatus to, Actor actor) {
}
