package org.trialkeeper.protocol;

import java.util.List;
import java.util.function.Function;

/**
 * The roles that watch predictability: at least one, none twice, each one that may know the
 * arms; and a threshold that is a share.
 */
final class MonitoringRules {

    private MonitoringRules() {
    }

    static void check(ProtocolCheck check) {
        Monitoring monitoring = check.protocol().monitoring();
        List<String> roles = monitoring.roles();
        if (roles.isEmpty()) {
            check.fail("monitoring.roles", "min-items", "at least one role must watch the allocations' predictability");
        }
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (Monitoring.BLINDED.contains(role)) {
                check.fail("monitoring.roles[" + i + "]", "assessor-blinded", role + " is kept blind to the arms,"
                        + " which the figures of predictability are computed from");
            } else if (!Monitoring.ALLOWED.contains(role)) {
                check.fail("monitoring.roles[" + i + "]", "one-of", "must be one of " + Monitoring.ALLOWED);
            }
        }
        check.unique("monitoring.roles", roles, Function.identity());
        Double warnAbove = monitoring.warnAbove();
        if (warnAbove != null && !(warnAbove > 0 && warnAbove < 1)) {
            check.fail("monitoring.warnAbove", "range", "must be a share greater than 0 and less than 1");
        }
    }
}
