package org.trialkeeper.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whose words the flow diagram is in: the CONSORT 2010 template or its 2025 update. They differ
 * in three labels; everywhere else the diagram reads the same. On the wire, in the query
 * parameter and the report's JSON, a wording is its year.
 */
@Serdeable
public enum Wording {
    /** "Randomized" is the 2010 template's own spelling, kept where that template is asked for. */
    CONSORT_2010("2010", "Not meeting inclusion criteria", "Randomized", "Analysed"),
    CONSORT_2025("2025", "Not meeting eligibility criteria", "Randomised", "Analysed for the primary outcome");

    private final String year;
    private final String notMeetingCriteria;
    private final String randomised;
    private final String analysed;

    Wording(String year, String notMeetingCriteria, String randomised, String analysed) {
        this.year = year;
        this.notMeetingCriteria = notMeetingCriteria;
        this.randomised = randomised;
        this.analysed = analysed;
    }

    @JsonValue
    public String year() {
        return year;
    }

    public static Optional<Wording> ofYear(String year) {
        return Arrays.stream(values()).filter(w -> w.year.equals(year)).findFirst();
    }

    String notMeetingCriteria() {
        return notMeetingCriteria;
    }

    String randomised() {
        return randomised;
    }

    String analysed() {
        return analysed;
    }
}
