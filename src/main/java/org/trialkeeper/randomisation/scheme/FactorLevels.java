package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A participant's levels of the minimisation factors, in the protocol's order of factors. An
 * allocation keeps them as text ({@code site=RAZI;sex=female}), so that verification after
 * lock can replay each decision from what was stored.
 */
public record FactorLevels(List<Level> levels) {

    /** One factor and the participant's level of it. */
    public record Level(String factor, String value) {
    }

    public FactorLevels {
        levels = List.copyOf(levels);
    }

    public static FactorLevels of(Protocol protocol, String site, Map<String, String> categories) {
        List<Level> levels = new ArrayList<>();
        for (MinimisationFactor factor : protocol.randomisation().factors()) {
            String level = Randomisation.SITE_FACTOR.equals(factor.factor()) ? site : categories.get(factor.factor());
            levels.add(new Level(factor.factor(), level));
        }
        return new FactorLevels(levels);
    }

    /** Reads the stored text back. */
    public static FactorLevels parse(String stored) {
        List<Level> levels = new ArrayList<>();
        if (!stored.isEmpty()) {
            for (String part : stored.split(";")) {
                int equals = part.indexOf('=');
                levels.add(new Level(part.substring(0, equals), part.substring(equals + 1)));
            }
        }
        return new FactorLevels(levels);
    }

    /** The text an allocation stores. */
    public String stored() {
        List<String> parts = new ArrayList<>(levels.size());
        levels.forEach(level -> parts.add(level.factor() + "=" + level.value()));
        return String.join(";", parts);
    }
}
