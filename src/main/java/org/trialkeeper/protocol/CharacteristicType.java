package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum CharacteristicType implements ProtocolCode {
    @JsonProperty("number")
    NUMBER,
    @JsonProperty("category")
    CATEGORY;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
