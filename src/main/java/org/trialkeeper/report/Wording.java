package org.trialkeeper.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whose words the flow diagram is in: the CONSORT 2010 template or its 2025 update. They differ
 * in two labels; everywhere else the diagram reads the same, and both say that the analysis
 * stage counts the primary outcome, which the 2010 template leaves to the reader. On the wire, in the query
 * parameter and the report's JSON, a wording is its year.
 */
@Serdeable
public enum Wording {
    /** "Randomized" is the 2010 template's own spelling, kept where that template is asked for. */
    @JsonProperty("2010")
    CONSORT_2010("2010", new Labels("Not meeting inclusion criteria", "Randomized")),
    @JsonProperty("2025")
    CONSORT_2025("2025", new Labels("Not meeting eligibility criteria", "Randomised"));

    /** The labels in which the two templates differ. */
    record Labels(String notMeetingCriteria, String randomised) {
    }

    private final String year;
    private final Labels labels;

    Wording(String year, Labels labels) {
        this.year = year;
        this.labels = labels;
    }

    @JsonValue
    public String year() {
        return year;
    }

    public static Optional<Wording> ofYear(String year) {
        return Arrays.stream(values()).filter(w -> w.year.equals(year)).findFirst();
    }

    Labels labels() {
        return labels;
    }
}
