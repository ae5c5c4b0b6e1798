package org.trialkeeper.audit;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The chains of the trail, by name: {@code trial-<id>} for each trial, {@code service} for what
 * belongs to no trial (users, sign-ins), and {@code legacy} for the records written while the
 * trail was one chain. The name is part of every record's MAC but the legacy ones, so a record
 * moved from one chain to another no longer verifies in either.
 */
final class ChainNames {

    static final String LEGACY = "legacy";
    static final String SERVICE = "service";
    private static final String TRIAL = "trial-";
    private static final Pattern NAME = Pattern.compile("legacy|service|trial-[1-9][0-9]{0,17}");

    /** The legacy chain first, then the service's, then the trials' by id; anything else last. */
    static final Comparator<String> ORDER = Comparator.comparingInt(ChainNames::rank)
            .thenComparingLong(ChainNames::trialNumber).thenComparing(Comparator.naturalOrder());

    private ChainNames() {
    }

    /** The chain of a trial's records, or of the service's when trialId is null. */
    static String of(Long trialId) {
        return trialId == null ? SERVICE : TRIAL + trialId;
    }

    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    private static int rank(String name) {
        if (name.equals(LEGACY)) {
            return 0;
        }
        if (name.equals(SERVICE)) {
            return 1;
        }
        return valid(name) ? 2 : 3;
    }

    private static long trialNumber(String name) {
        return rank(name) == 2 ? Long.parseLong(name.substring(TRIAL.length())) : 0;
    }
}
