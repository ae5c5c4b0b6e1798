package org.trialkeeper.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values that repeat from person to person, each kept once and known by a small code: the
 * position at which it was first seen.
 */
final class Codes<T> {

    private final Map<T, Integer> codes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int code(T value) {
        Integer code = codes.get(value);
        if (code == null) {
            code = values.size();
            codes.put(value, code);
            values.add(value);
        }
        return code;
    }

    /** Every value, at its code; null may be one of them. */
    List<T> values() {
        return java.util.Collections.unmodifiableList(values);
    }
}
