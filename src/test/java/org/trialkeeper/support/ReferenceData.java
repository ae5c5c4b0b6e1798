package org.trialkeeper.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shared reference data set (items_a.csv, made in R) and a protocol whose instruments it
 * fits: the seed trial with the reference set's instrument ids.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** items_a.csv as the file holds it, without the note line this copy starts with. */
    public static String itemsCsv() {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/reference/ancova-items.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Participant code to arm ("intervention" or "waitlist"), in order of first appearance. */
    public static Map<String, String> arms() {
        Map<String, String> arms = new LinkedHashMap<>();
        itemsCsv().lines().skip(1).map(l -> l.replace("\"", "").split(",")).forEach(c -> arms.putIfAbsent(c[0], c[1]));
        return arms;
    }

    /** Turns the seed trial's YAML tree into one with the reference set's three instruments. */
    public static void instruments(Map<String, Object> tree) {
        List<Map<String, Object>> instruments = new ArrayList<>();
        instruments.add(instrument("CD-RISC-25", 25, 0, 4, 2));
        instruments.add(instrument("WALTON-QWL-35", 35, 1, 5, 3));
        instruments.add(instrument("CSS-30", 30, 1, 5, 3));
        tree.put("instruments", instruments);
        List<String> ids = List.of("CD-RISC-25", "WALTON-QWL-35", "CSS-30");
        tree.put("timepoints", List.of(
                Map.of("id", "baseline", "kind", "baseline", "week", 0, "instruments", ids),
                Map.of("id", "post", "kind", "post", "week", 8, "instruments", ids)));
        tree.put("outcomes", Map.of(
                "primary", List.of(Map.of("instrument", "WALTON-QWL-35", "timepoint", "post")),
                "secondary", List.of(Map.of("instrument", "CD-RISC-25", "timepoint", "post"),
                        Map.of("instrument", "CSS-30", "timepoint", "post"))));
    }

    private static Map<String, Object> instrument(String id, int items, int min, int max, int prorated) {
        Map<String, Object> instrument = new LinkedHashMap<>();
        instrument.put("id", id);
        instrument.put("name", id);
        instrument.put("items", items);
        instrument.put("itemMin", min);
        instrument.put("itemMax", max);
        instrument.put("total", "sum");
        instrument.put("maxProratedItems", prorated);
        return instrument;
    }
}
