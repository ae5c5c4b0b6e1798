package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum AnalysisPopulation implements ProtocolCode {
    COMPLETE_CASES,
    INTENTION_TO_TREAT,
    PER_PROTOCOL;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
