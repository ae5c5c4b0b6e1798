package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.BaselineCharacteristic;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;
import org.trialkeeper.protocol.Scheme;
import org.trialkeeper.protocol.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strata of a stratified scheme: every combination of the stratification factors' levels,
 * named like {@code site=RAZI;sex=female}. Unstratified schemes have the one stratum "all".
 */
public final class Strata {

    public static final String ALL = "all";

    private Strata() {
    }

    public static List<String> factors(Protocol protocol) {
        return protocol.randomisation().scheme() == Scheme.STRATIFIED_BLOCKS
                ? protocol.randomisation().stratifyBy() : List.of();
    }

    public static List<String> levels(Protocol protocol, String factor) {
        if (Randomisation.SITE_FACTOR.equals(factor)) {
            return protocol.sites().stream().map(Site::code).toList();
        }
        return protocol.characteristic(factor).map(BaselineCharacteristic::levels).orElseThrow();
    }

    /** Every stratum, in a fixed order: factors as the protocol lists them, levels likewise. */
    public static List<String> all(Protocol protocol) {
        List<String> strata = new ArrayList<>(List.of(""));
        for (String factor : factors(protocol)) {
            List<String> extended = new ArrayList<>();
            for (String prefix : strata) {
                for (String level : levels(protocol, factor)) {
                    extended.add(prefix + (prefix.isEmpty() ? "" : ";") + factor + "=" + level);
                }
            }
            strata = extended;
        }
        return strata.equals(List.of("")) ? List.of(ALL) : strata;
    }

    /** The stratum of a participant with this site and these categorical characteristics. */
    public static String of(Protocol protocol, String site, Map<String, String> categories) {
        List<String> parts = new ArrayList<>();
        for (String factor : factors(protocol)) {
            String level = Randomisation.SITE_FACTOR.equals(factor) ? site : categories.get(factor);
            parts.add(factor + "=" + level);
        }
        return parts.isEmpty() ? ALL : String.join(";", parts);
    }
}
