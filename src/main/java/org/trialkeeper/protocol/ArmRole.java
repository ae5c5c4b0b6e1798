package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum ArmRole implements ProtocolCode {
    @JsonProperty("intervention")
    INTERVENTION,
    @JsonProperty("control")
    CONTROL;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
