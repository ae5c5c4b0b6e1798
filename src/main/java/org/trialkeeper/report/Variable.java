package org.trialkeeper.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/**
 * One column of an export as the codebook describes it.
 *
 * @param file    the file's name, as the export is downloaded
 * @param levels  for a category, each value with its label, in the order a factor lists them
 * @param units   what a number is counted in, or empty
 * @param missing what an empty field means where one may be empty; an empty list where none is
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record Variable(String file, String variable, String label, Type type, List<Level> levels, String units,
                List<Level> missing) {

    /** How a column is read: text, a whole number, a number, true or false, or one of the levels. */
    @Serdeable
    enum Type {
        @JsonProperty("string") STRING,
        @JsonProperty("integer") INTEGER,
        @JsonProperty("number") NUMBER,
        @JsonProperty("boolean") BOOLEAN,
        @JsonProperty("category") CATEGORY;

        @JsonValue
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A value as written in the file, and what it means; an empty code is the empty field. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Level(String code, String label) {
    }

    static Variable of(String file, String variable, String label, Type type) {
        return new Variable(file, variable, label, type, List.of(), "", List.of());
    }

    Variable withLevels(List<Level> values) {
        return new Variable(file, variable, label, Type.CATEGORY, values, units, missing);
    }

    Variable inUnits(String counted) {
        return new Variable(file, variable, label, type, levels, counted, missing);
    }

    /** An empty field means {@code why}. */
    Variable emptyWhen(String why) {
        return new Variable(file, variable, label, type, levels, units, List.of(new Level("", why)));
    }
}
