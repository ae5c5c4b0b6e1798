package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Scheme implements ProtocolCode {
    SIMPLE,
    PERMUTED_BLOCKS,
    STRATIFIED_BLOCKS,
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
