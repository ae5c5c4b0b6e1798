package org.trialkeeper.protocol;

import java.util.Locale;

/** A value a protocol file spells in lower case with hyphens, such as {@code permuted-blocks}. */
interface ProtocolCode {

    String code();

    /** The constant's name as a protocol file spells it: PERMUTED_BLOCKS is {@code permuted-blocks}. */
    static String spelled(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
