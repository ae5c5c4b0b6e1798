package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum TotalRule implements ProtocolCode {
    @JsonProperty("sum")
    SUM,
    @JsonProperty("mean")
    MEAN;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
