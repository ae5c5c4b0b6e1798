package org.trialkeeper.followup;

import org.trialkeeper.participant.PerProtocol;
import org.trialkeeper.protocol.Intervention;

import java.util.Optional;

/**
 * Excludes from the per-protocol analysis at the protocol's number of absences, unless a
 * coordinator decided otherwise.
 */
final class AttendanceRule {

    private AttendanceRule() {
    }

    /** Whether the rule decides at all: not once a coordinator has, nor without a limit. */
    static boolean applies(Intervention intervention, PerProtocol current) {
        return !current.overridden() && intervention.absencesExcludingPerProtocol() > 0;
    }

    /** The decision the absences call for, if it differs from the current one. */
    static Optional<PerProtocol> change(Intervention intervention, PerProtocol current, int absences) {
        int limit = intervention.absencesExcludingPerProtocol();
        PerProtocol decided = absences >= limit
                ? new PerProtocol(true, "absent from " + absences + " of " + intervention.sessions()
                + " sessions; the protocol excludes from " + limit, false)
                : new PerProtocol(false, null, false);
        return decided.equals(current) ? Optional.empty() : Optional.of(decided);
    }
}
