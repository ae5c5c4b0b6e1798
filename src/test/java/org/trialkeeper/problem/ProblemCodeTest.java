package org.trialkeeper.problem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemCodeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void theReadmeListsEveryCodeWithItsStatusAndNothingElse() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Problem codes"));
        section = section.substring(0, section.indexOf("\n## "));
        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> catalogue = Arrays.stream(ProblemCode.values()).collect(Collectors.toMap(
                ProblemCode::code, code -> code.kind().status(), (a, b) -> a, TreeMap::new));
        assertEquals(catalogue, documented);
    }
}
