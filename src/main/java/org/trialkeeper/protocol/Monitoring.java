package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Who watches how predictable the allocations turn out while recruiting, and when they are
 * warned. The roles are ADMIN unless the protocol says; never an assessor or an investigator,
 * who are kept blind to the arms. Without {@code warnAbove} the warning is given above the
 * scheme's expected share of right guesses plus {@link #DEFAULT_MARGIN}.
 *
 * @param warnAbove the share of right convergence guesses above which a site, or the trial, is flagged; null if not set
 */
@Serdeable
public record Monitoring(List<String> roles, Double warnAbove) {

    static final List<String> ALLOWED = List.of("ADMIN", "COORDINATOR", "STATISTICIAN");
    static final List<String> BLINDED = List.of("ASSESSOR", "INVESTIGATOR");
    static final Monitoring DEFAULT = new Monitoring(List.of("ADMIN"), null);

    /** How far above the scheme's expected share a share may go before a warning, when the protocol sets no threshold. */
    public static final double DEFAULT_MARGIN = 0.10;

    public boolean monitors(String role) {
        return roles.contains(role);
    }

    /** The share above which a warning is given, for a scheme whose expected share is {@code expected}. */
    public double threshold(double expected) {
        return warnAbove != null ? warnAbove : Math.min(1, expected + DEFAULT_MARGIN);
    }
}
