package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A characteristic collected at screening: a number (with optional bounds) or a category. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BaselineCharacteristic(String id, String label, CharacteristicType type,
                                     Double min, Double max, List<String> levels) {
}
