package org.trialkeeper.report;

import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no SPSS here, the syntax is read back and held against the codebook it was written from. */
class SpssSyntaxTest {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    @SuppressWarnings("unchecked")
    private static final Protocol PROTOCOL = ProtocolFiles.seedVariant(tree -> {
        List<Object> baseline = new ArrayList<>((List<Object>) tree.get("baseline"));
        baseline.add(Map.of("id", "to", "label", "Years in the nurses' ward", "type", "number"));
        baseline.add(Map.of("id", "shift-work", "label", "Shift worked", "type", "category", "levels", List.of("day", "night")));
        tree.put("baseline", baseline);
    });

    @Test
    void everyFileIsReadWithTheCodebooksVariablesLabelsAndValueLabels() {
        Codebook codebook = Codebook.of(7, PROTOCOL);
        Map<String, String> blocks = blocks(SpssSyntax.of(codebook));
        assertEquals(List.of("participants-7.csv", "assessments-7.csv", "scores-long-7.csv", "scores-wide-7.csv"),
                new ArrayList<>(blocks.keySet()));
        for (ExportFile file : ExportFile.values()) {
            String block = blocks.get(file.fileName(7));
            List<Variable> variables = codebook.of(file);
            List<String> names = variables(block);
            assertEquals(variables.size(), names.size(), file.name());
            Map<String, String> labels = variableLabels(block);
            Map<String, List<String>> values = valueLabels(block);
            for (int i = 0; i < variables.size(); i++) {
                Variable variable = variables.get(i);
                String name = names.get(i);
                assertTrue(NAME.matcher(name).matches(), name);
                assertEquals(variable.variable().replace('-', '_'), name.endsWith("_") ? name.substring(0, name.length() - 1) : name);
                assertEquals(variable.label(), labels.get(name), name);
                List<String> expected = new ArrayList<>();
                variable.levels().forEach(level -> {
                    expected.add(level.code());
                    expected.add(level.label());
                });
                assertEquals(expected, values.getOrDefault(name, List.of()), name);
            }
            assertTrue(block.contains("DATASET NAME " + file.dataset() + "."), block);
        }
        List<String> participants = variables(blocks.get("participants-7.csv"));
        assertTrue(participants.contains("to_"), "a reserved word is renamed: " + participants);
        assertTrue(participants.contains("shift_work"), "a hyphen is not a name's: " + participants);
        assertEquals("Years in the nurses' ward", variableLabels(blocks.get("participants-7.csv")).get("to_"));
    }

    /** Each GET DATA command with what follows it, by the file it reads. */
    private static Map<String, String> blocks(String syntax) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String[] parts = syntax.split("GET DATA ");
        for (int i = 1; i < parts.length; i++) {
            Matcher file = Pattern.compile("/FILE='([^']+)'").matcher(parts[i]);
            assertTrue(file.find(), parts[i]);
            blocks.put(file.group(1), parts[i]);
        }
        return blocks;
    }

    private static List<String> variables(String block) {
        String list = command(block, "/VARIABLES=");
        List<String> names = new ArrayList<>();
        for (String line : list.strip().split("\n")) {
            String[] nameAndFormat = line.strip().split(" ");
            assertTrue(nameAndFormat[1].matches("A\\d+|F\\d+\\.\\d+"), line);
            names.add(nameAndFormat[0]);
        }
        return names;
    }

    private static Map<String, String> variableLabels(String block) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : command(block, "VARIABLE LABELS").split("\n\\s*/")) {
            String[] nameAndLabel = entry.strip().split(" ", 2);
            labels.put(nameAndLabel[0], unquoted(nameAndLabel[1]).get(0));
        }
        return labels;
    }

    private static Map<String, List<String>> valueLabels(String block) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (block.contains("VALUE LABELS")) {
            for (String entry : command(block, "VALUE LABELS").split("\n\\s*/")) {
                String[] nameAndPairs = entry.strip().split(" ", 2);
                values.put(nameAndPairs[0], unquoted(nameAndPairs[1]));
            }
        }
        return values;
    }

    /** What follows the keyword up to the period that ends the command. */
    private static String command(String block, String keyword) {
        String rest = block.substring(block.indexOf(keyword) + keyword.length());
        return rest.substring(0, rest.indexOf("\n.\n"));
    }

    private static List<String> unquoted(String text) {
        List<String> strings = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            strings.add(quoted.group(1).replace("''", "'"));
        }
        return strings;
    }
}
