package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum AnalysisPopulation implements ProtocolCode {
    COMPLETE_CASES("complete-cases"),
    INTENTION_TO_TREAT("intention-to-treat"),
    PER_PROTOCOL("per-protocol");

    private final String code;

    AnalysisPopulation(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
