package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum TotalRule implements ProtocolCode {
    SUM("sum"),
    MEAN("mean");

    private final String code;

    TotalRule(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }
}
