package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum CharacteristicType implements ProtocolCode {
    NUMBER("number"),
    CATEGORY("category");

    private final String code;

    CharacteristicType(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
