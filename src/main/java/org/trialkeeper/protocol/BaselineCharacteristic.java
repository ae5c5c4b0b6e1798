package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A characteristic collected at screening: a number (with optional bounds) or a category, whose
 * levels are codes with optional labels for reports and exports.
 *
 * @param levelLabels a label for some or all levels, by code; a level without one is shown as its code in words
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BaselineCharacteristic(String id, String label, CharacteristicType type,
                                     Double min, Double max, List<String> levels, Map<String, String> levelLabels) {

    /** The level's label: the protocol's, or else its code in words ("master-or-higher" as "Master or higher"). */
    public String levelLabel(String level) {
        String label = levelLabels == null ? null : levelLabels.get(level);
        if (label != null) {
            return label;
        }
        String words = level.replace('-', ' ').replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
