package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Delivery implements ProtocolCode {
    @JsonProperty("in-person")
    IN_PERSON,
    @JsonProperty("online")
    ONLINE;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
