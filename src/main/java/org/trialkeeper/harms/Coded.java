package org.trialkeeper.harms;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A value of a closed list that requests, answers and the audit trail write as a lower-case code. */
interface Coded {

    String code();

    static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> value.code().equals(code)).findFirst();
    }

    static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
    }
}
