package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Totals from the item-level reference data, analysed as the seed trial was, against R. */
class AncovaTest {

    private static final Set<String> DROPOUTS = Set.of("P004", "P017", "P022");

    @Test
    void reproducesRsAncovaAndDescriptivesForEveryInstrument() throws IOException {
        Map<String, Map<String, double[]>> totals = totals();
        List<String> expected = lines("/reference/ancova-expected.csv");
        int descriptivesChecked = 0;
        int ancovasChecked = 0;
        for (String line : expected) {
            String[] cells = line.split(",");
            if (cells.length == 7) {
                List<Double> pre = new ArrayList<>();
                List<Double> post = new ArrayList<>();
                totals.get(cells[0]).forEach((participant, values) -> {
                    if (arm(participant).equals(cells[1])) {
                        pre.add(values[0]);
                        post.add(values[1]);
                    }
                });
                Descriptives baseline = Descriptives.of(pre);
                Descriptives followUp = Descriptives.of(post);
                assertEquals(Long.parseLong(cells[2]), baseline.n());
                close(cells[3], baseline.mean(), 5e-5);
                close(cells[4], baseline.standardDeviation(), 5e-5);
                close(cells[5], followUp.mean(), 5e-5);
                close(cells[6], followUp.standardDeviation(), 5e-5);
                descriptivesChecked++;
            } else {
                List<Ancova.Observation> observations = new ArrayList<>();
                totals.get(cells[0]).forEach((participant, values) ->
                        observations.add(new Ancova.Observation(values[0], values[1], arm(participant).equals("intervention"))));
                Ancova.Result result = Ancova.fit(observations);
                close(cells[1], result.f(), 5e-7);
                assertEquals(Integer.parseInt(cells[2]), result.dfArm());
                assertEquals(Integer.parseInt(cells[3]), result.dfResidual());
                close(cells[4], result.p(), 5e-7);
                close(cells[5], result.partialEtaSquared(), 5e-7);
                close(cells[6], result.adjustedDifference(), 5e-7);
                close(cells[7], result.differenceLower(), 5e-7);
                close(cells[8], result.differenceUpper(), 5e-7);
                close(cells[9], result.adjustedMeanIntervention(), 5e-7);
                close(cells[10], result.adjustedMeanControl(), 5e-7);
                ancovasChecked++;
            }
        }
        assertEquals(6, descriptivesChecked);
        assertEquals(3, ancovasChecked);
    }

    @Test
    void anArmWithoutDataIsRefused() {
        List<Ancova.Observation> oneArm = List.of(new Ancova.Observation(1, 2, true), new Ancova.Observation(2, 3, true),
                new Ancova.Observation(3, 5, true), new Ancova.Observation(4, 4, true));
        assertThrows(IllegalArgumentException.class, () -> Ancova.fit(oneArm));
    }

    /** The reference values are printed to a fixed number of decimals: agreement to half the last one. */
    private static void close(String expected, double actual, double halfUnit) {
        double value = Double.parseDouble(expected);
        assertEquals(value, actual, Math.max(halfUnit, Math.abs(value) * 1e-6), expected);
    }

    private final Map<String, String> arms = new TreeMap<>();

    private String arm(String participant) {
        return arms.get(participant);
    }

    /** instrument -> participant -> {baseline total, post total}, dropouts left out (complete cases). */
    private Map<String, Map<String, double[]>> totals() throws IOException {
        Map<String, Map<String, double[]>> totals = new TreeMap<>();
        for (String line : lines("/reference/ancova-items.csv")) {
            String[] cells = line.replace("\"", "").split(",");
            if (cells[0].equals("participant") || DROPOUTS.contains(cells[0])) {
                continue;
            }
            arms.put(cells[0], cells[1]);
            double[] pair = totals.computeIfAbsent(cells[3], i -> new TreeMap<>())
                    .computeIfAbsent(cells[0], p -> new double[2]);
            pair[cells[2].equals("baseline") ? 0 : 1] += Double.parseDouble(cells[5]);
        }
        return totals;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = AncovaTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("instrument,")).toList();
        }
    }
}
