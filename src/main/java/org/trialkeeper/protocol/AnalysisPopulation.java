package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum AnalysisPopulation implements ProtocolCode {
    @JsonProperty("complete-cases")
    COMPLETE_CASES,
    @JsonProperty("intention-to-treat")
    INTENTION_TO_TREAT,
    @JsonProperty("per-protocol")
    PER_PROTOCOL;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
