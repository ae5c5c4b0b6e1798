package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/** ANCOVA of the outcome at its timepoint on its baseline value and the arm. */
@Serdeable
public enum AnalysisMethod implements ProtocolCode {
    @JsonProperty("ancova")
    ANCOVA;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
