package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One mapping of a protocol document, read field by field. Every wrong type, missing field or
 * unknown key becomes a violation naming its path; reading goes on so that one answer lists
 * every structural problem at once.
 */
final class Fields {

    static final int NAME_LENGTH = 200;
    static final int TEXT_LENGTH = 4000;

    private final String path;
    private final Map<?, ?> values;
    private final List<Violation> violations;
    private final Set<String> read = new HashSet<>();

    private Fields(String path, Map<?, ?> values, List<Violation> violations) {
        this.path = path;
        this.values = values;
        this.violations = violations;
    }

    /** The mapping at {@code path}, or null (with a violation) when the value is not a mapping. */
    static Fields of(String path, Object value, List<Violation> violations) {
        if (value instanceof Map<?, ?> map) {
            return new Fields(path, map, violations);
        }
        violations.add(new Violation(path.isEmpty() ? "$" : path, "type", "must be a mapping of keys to values"));
        return null;
    }

    String text(String key) {
        return text(key, NAME_LENGTH, true);
    }

    String longText(String key) {
        return text(key, TEXT_LENGTH, true);
    }

    String optionalText(String key) {
        return text(key, NAME_LENGTH, false);
    }

    String optionalLongText(String key) {
        return text(key, TEXT_LENGTH, false);
    }

    private String text(String key, int maxLength, boolean required) {
        Object value = value(key, required);
        return value == null ? null : asText(at(key), value, maxLength);
    }

    int integer(String key) {
        Object value = value(key, true);
        Integer number = value == null ? null : asInteger(at(key), value);
        return number == null ? 0 : number;
    }

    int integer(String key, int absent) {
        Object value = value(key, false);
        Integer number = value == null ? null : asInteger(at(key), value);
        return value == null ? absent : number == null ? 0 : number;
    }

    Double optionalNumber(String key) {
        Object value = value(key, false);
        return value == null ? null : asNumber(at(key), value);
    }

    double number(String key) {
        Object value = value(key, true);
        Double number = value == null ? null : asNumber(at(key), value);
        return number == null ? 0 : number;
    }

    double number(String key, double absent) {
        Double number = optionalNumber(key);
        return number == null ? absent : number;
    }

    boolean flag(String key, boolean absent) {
        Object value = value(key, false);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        violations.add(new Violation(at(key), "type", "must be true or false"));
        return absent;
    }

    <E extends Enum<E> & ProtocolCode> E code(String key, Class<E> type) {
        Object value = value(key, true);
        return value == null ? null : asCode(at(key), value, type);
    }

    <E extends Enum<E> & ProtocolCode> E code(String key, Class<E> type, E absent) {
        Object value = value(key, false);
        return value == null ? absent : asCode(at(key), value, type);
    }

    /** Whether the mapping gives the key a value; an optional key with a default asks this first. */
    boolean present(String key) {
        return values.get(key) != null;
    }

    Fields object(String key) {
        Object value = value(key, true);
        return value == null ? null : of(at(key), value, violations);
    }

    Fields optionalObject(String key) {
        Object value = value(key, false);
        return value == null ? null : of(at(key), value, violations);
    }

    /** A list of mappings, each turned into a record by {@code reader}; an absent optional list is empty. */
    <T> List<T> objects(String key, boolean required, Function<Fields, T> reader) {
        return list(key, required, (itemPath, item) -> {
            Fields fields = of(itemPath, item, violations);
            if (fields == null) {
                return null;
            }
            T result = reader.apply(fields);
            fields.rejectUnknownKeys();
            return result;
        });
    }

    /** A list of codes; an absent list is empty. */
    <E extends Enum<E> & ProtocolCode> List<E> codes(String key, Class<E> type) {
        return list(key, false, (itemPath, item) -> asCode(itemPath, item, type));
    }

    List<String> texts(String key, boolean required) {
        return list(key, required, (itemPath, item) -> asText(itemPath, item, NAME_LENGTH));
    }

    /** A mapping of names to texts, in the document's order; an absent one is empty. */
    Map<String, String> textsByName(String key) {
        Object value = value(key, false);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            violations.add(new Violation(at(key), "type", "must be a mapping of names to texts"));
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((name, text) -> {
            String converted = asText(at(key) + "." + name, text, NAME_LENGTH);
            if (converted != null) {
                result.put(String.valueOf(name), converted);
            }
        });
        return java.util.Collections.unmodifiableMap(result);
    }

    List<Integer> integers(String key, boolean required) {
        return list(key, required, this::asInteger);
    }

    /** Reports every key of this mapping that no reader asked for. */
    void rejectUnknownKeys() {
        for (Object key : values.keySet()) {
            if (!(key instanceof String name) || !read.contains(name)) {
                violations.add(new Violation(at(String.valueOf(key)), "unknown-key",
                        "is not a protocol field here"));
            }
        }
    }

    private <T> List<T> list(String key, boolean required, BiFunction<String, Object, T> element) {
        Object value = value(key, required);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            violations.add(new Violation(at(key), "type", "must be a list"));
            return List.of();
        }
        List<T> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = at(key) + "[" + i + "]";
            if (items.get(i) == null) {
                violations.add(new Violation(itemPath, "required", "must not be empty"));
                continue;
            }
            T converted = element.apply(itemPath, items.get(i));
            if (converted != null) {
                result.add(converted);
            }
        }
        return List.copyOf(result);
    }

    private Object value(String key, boolean required) {
        read.add(key);
        Object value = values.get(key);
        if (value == null && required) {
            violations.add(new Violation(at(key), "required", "is required"));
        }
        return value;
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String asText(String fieldPath, Object value, int maxLength) {
        if (!(value instanceof String text)) {
            violations.add(new Violation(fieldPath, "type", "must be text"));
            return null;
        }
        if (text.isBlank()) {
            violations.add(new Violation(fieldPath, "required", "must not be blank"));
            return null;
        }
        if (text.length() > maxLength) {
            violations.add(new Violation(fieldPath, "max-length", "must be at most " + maxLength + " characters"));
            return null;
        }
        return text.strip();
    }

    private Integer asInteger(String fieldPath, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger big = new BigInteger(value.toString());
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            violations.add(new Violation(fieldPath, "range", "is too large"));
            return null;
        }
        violations.add(new Violation(fieldPath, "type", "must be a whole number"));
        return null;
    }

    private Double asNumber(String fieldPath, Object value) {
        if (value instanceof Number number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return new BigDecimal(number.toString()).doubleValue();
        }
        violations.add(new Violation(fieldPath, "type", "must be a finite number"));
        return null;
    }

    private <E extends Enum<E> & ProtocolCode> E asCode(String fieldPath, Object value, Class<E> type) {
        if (value instanceof String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.code().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        violations.add(new Violation(fieldPath, "one-of", "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(ProtocolCode::code).toList()));
        return null;
    }
}
