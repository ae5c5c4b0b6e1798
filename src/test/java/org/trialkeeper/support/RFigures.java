package org.trialkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Figures computed by R at test time: a script under src/test/resources run with Rscript, which
 * prints one "key,value" line per figure. A test that needs R fails when Rscript is missing.
 */
public final class RFigures {

    private RFigures() {
    }

    /** The script's figures by key; arguments that name a test resource (starting with "/") are passed as its path. */
    public static Map<String, Double> run(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("Rscript", "--vanilla", resource(script)));
        for (String argument : arguments) {
            command.add(argument.startsWith("/") ? resource(argument) : argument);
        }
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), "Rscript " + script + " failed");
            Map<String, Double> figures = new LinkedHashMap<>();
            output.lines().map(line -> line.split(",")).forEach(cells -> figures.put(cells[0], Double.parseDouble(cells[1])));
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException("Rscript is needed for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Agreement to 1e-6, relative to the figure's size where that is above 1. */
    public static void agrees(Map<String, Double> figures, String key, double actual) {
        Double expected = figures.get(key);
        if (expected == null) {
            throw new AssertionError("R gave no figure " + key);
        }
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), key);
    }

    private static String resource(String name) {
        try {
            return Path.of(RFigures.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
