package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlindingIndexTest {

    @Test
    void agreesWithTheRPackageBiToSixDecimals() throws IOException {
        List<String> rows;
        try (InputStream csv = getClass().getResourceAsStream("/reference/blinding-expected.csv")) {
            rows = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("guess")).toList();
        }
        assertEquals(4, rows.size());
        for (String row : rows) {
            String[] cells = row.split(",");
            long[] counts = new long[6];
            for (int i = 0; i < 6; i++) {
                counts[i] = Long.parseLong(cells[i]);
            }
            BlindingIndex.Result result = BlindingIndex.of(new GuessTable(counts[0], counts[1], counts[2], counts[3],
                    counts[4], counts[5]));
            // the reference is printed to six decimals, so agreement is within half a unit of the last one
            assertEquals(Double.parseDouble(cells[6]), result.james().orElseThrow().value(), 5e-7, row);
            assertEquals(Double.parseDouble(cells[7]), result.james().orElseThrow().standardError(), 5e-7, row);
            assertEquals(Double.parseDouble(cells[8]), result.bangIntervention().orElseThrow().value(), 5e-7, row);
            assertEquals(Double.parseDouble(cells[9]), result.bangIntervention().orElseThrow().standardError(), 5e-7, row);
            assertEquals(Double.parseDouble(cells[10]), result.bangControl().orElseThrow().value(), 5e-7, row);
            assertEquals(Double.parseDouble(cells[11]), result.bangControl().orElseThrow().standardError(), 5e-7, row);
        }
    }

    @Test
    void theConfidenceIntervalIsTheEstimatePlusOrMinusOneNinetySixStandardErrors() {
        Estimate bang = BlindingIndex.of(new GuessTable(8, 2, 3, 7, 4, 5)).bangIntervention().orElseThrow();
        assertEquals(bang.value() - 1.959964 * bang.standardError(), bang.lower(), 1e-6);
        assertEquals(bang.value() + 1.959964 * bang.standardError(), bang.upper(), 1e-6);
    }

    @Test
    void undefinedIndicesAreAbsentRatherThanNaN() {
        BlindingIndex.Result nobodyInControl = BlindingIndex.of(new GuessTable(4, 0, 1, 0, 2, 0));
        assertTrue(nobodyInControl.bangControl().isEmpty());
        assertTrue(nobodyInControl.bangIntervention().isPresent());
        assertTrue(BlindingIndex.of(new GuessTable(0, 0, 0, 0, 0, 0)).james().isEmpty());
    }
}
