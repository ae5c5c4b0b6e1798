package org.trialkeeper.protocol;

import java.util.List;
import java.util.function.Function;

/** The roles told of serious adverse events: at least one, each a trial role that may see them, none twice. */
final class HarmsRules {

    private HarmsRules() {
    }

    static void check(ProtocolCheck check) {
        List<String> roles = check.protocol().harms().notifiedRoles();
        if (roles.isEmpty()) {
            check.fail("harms.notify", "min-items", "at least one role must be told of serious adverse events");
        }
        for (int i = 0; i < roles.size(); i++) {
            if (!Harms.ALLOWED.contains(roles.get(i))) {
                check.fail("harms.notify[" + i + "]", "one-of", "must be one of " + Harms.ALLOWED
                        + "; the assessor is never told, since an adverse event can reveal the arm");
            }
        }
        check.unique("harms.notify", roles, Function.identity());
    }
}
