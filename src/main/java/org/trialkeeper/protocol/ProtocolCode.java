package org.trialkeeper.protocol;

/** A value a protocol file spells in lower case with hyphens, such as {@code permuted-blocks}. */
interface ProtocolCode {

    String code();
}
