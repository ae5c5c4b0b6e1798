package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum ArmRole implements ProtocolCode {
    INTERVENTION("intervention"),
    CONTROL("control");

    private final String code;

    ArmRole(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
