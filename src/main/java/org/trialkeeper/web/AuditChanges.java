package org.trialkeeper.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An audit record's values read as changes, one a field: its path (nested fields joined by dots,
 * list items numbered; a value that is no structure goes by the name of what the record is
 * about), the value before and the value after, each absent where the record has none. Fields that kept their value are left out, unless none changed: then all are shown, so
 * that a record never reads as empty.
 */
final class AuditChanges {

    /** One field of a record: {@code before} or {@code after} is null where the record has no value. */
    public record Change(String field, String before, String after) {
    }

    private AuditChanges() {
    }

    /**
     * The changes between two values as read from JSON: maps, lists, strings, numbers, booleans or
     * null; {@code name} names a value that is not a structure of named fields.
     */
    static List<Change> between(String name, Object before, Object after) {
        Map<String, String> was = flat(name, before);
        Map<String, String> is = flat(name, after);
        Set<String> fields = new LinkedHashSet<>(was.keySet());
        fields.addAll(is.keySet());
        List<Change> all = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        for (String field : fields) {
            Change change = new Change(field, was.get(field), is.get(field));
            all.add(change);
            if (!Objects.equals(change.before(), change.after())) {
                changed.add(change);
            }
        }
        return changed.isEmpty() ? all : changed;
    }

    private static Map<String, String> flat(String name, Object value) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> || value instanceof List<?> list && !scalars(list)) {
            flatten("", value, fields);
        } else if (value != null) {
            fields.put(name, text(value));
        }
        return fields;
    }

    private static void flatten(String path, Object value, Map<String, String> fields) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> flatten(path.isEmpty() ? key.toString() : path + "." + key, item, fields));
        } else if (value instanceof List<?> list && !scalars(list)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + i + "]", list.get(i), fields);
            }
        } else {
            fields.put(path, text(value));
        }
    }

    private static boolean scalars(List<?> list) {
        return list.stream().noneMatch(item -> item instanceof Map<?, ?> || item instanceof List<?>);
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(AuditChanges::text).toList()) + "]";
        }
        return String.valueOf(value);
    }
}
