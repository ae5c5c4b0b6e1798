package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/** A pre-specified analysis beside the primary one: the per-protocol set analysed as the primary population is. */
@Serdeable
public enum SensitivityAnalysis implements ProtocolCode {
    @JsonProperty("per-protocol")
    PER_PROTOCOL;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
