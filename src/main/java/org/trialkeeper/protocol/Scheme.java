package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Scheme implements ProtocolCode {
    @JsonProperty("simple")
    SIMPLE,
    @JsonProperty("permuted-blocks")
    PERMUTED_BLOCKS,
    @JsonProperty("stratified-blocks")
    STRATIFIED_BLOCKS,
    @JsonProperty("minimisation")
    MINIMISATION;

    @Override
    @JsonValue
    public String code() {
        return ProtocolCode.spelled(this);
    }

    public boolean usesBlocks() {
        return this == PERMUTED_BLOCKS || this == STRATIFIED_BLOCKS;
    }
}
