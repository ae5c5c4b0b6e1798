package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Delivery implements ProtocolCode {
    IN_PERSON("in-person"),
    ONLINE("online");

    private final String code;

    Delivery(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
