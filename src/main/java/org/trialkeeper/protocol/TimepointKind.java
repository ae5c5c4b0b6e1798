package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum TimepointKind implements ProtocolCode {
    @JsonProperty("baseline")
    BASELINE,
    @JsonProperty("post")
    POST,
    @JsonProperty("follow-up")
    FOLLOW_UP;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }
}
