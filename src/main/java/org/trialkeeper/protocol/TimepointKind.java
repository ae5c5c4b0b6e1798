package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum TimepointKind implements ProtocolCode {
    BASELINE("baseline"),
    POST("post"),
    FOLLOW_UP("follow-up");

    private final String code;

    TimepointKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
