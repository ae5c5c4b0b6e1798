package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public enum Scheme implements ProtocolCode {
    SIMPLE("simple", false),
    PERMUTED_BLOCKS("permuted-blocks", true),
    STRATIFIED_BLOCKS("stratified-blocks", true),
    MINIMISATION("minimisation", false);

    private final String code;
    private final boolean blocked;

    Scheme(String code, boolean blocked) {
        this.code = code;
        this.blocked = blocked;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public boolean usesBlocks() {
        return blocked;
    }
}
