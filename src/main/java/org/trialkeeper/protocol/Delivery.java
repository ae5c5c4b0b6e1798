package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Delivery implements ProtocolCode {
    IN_PERSON,
    ONLINE;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
