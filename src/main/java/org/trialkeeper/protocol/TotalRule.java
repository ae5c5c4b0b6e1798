package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum TotalRule implements ProtocolCode {
    SUM,
    MEAN;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
