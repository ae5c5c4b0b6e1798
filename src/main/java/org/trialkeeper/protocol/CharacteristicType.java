package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum CharacteristicType implements ProtocolCode {
    NUMBER,
    CATEGORY;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
