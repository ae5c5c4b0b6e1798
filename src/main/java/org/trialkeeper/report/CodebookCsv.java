package org.trialkeeper.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trialkeeper.report.Variable.Level;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The codebook as CSV: one row per column of each export. Levels and missing codes are written
 * as {@code code=label} pairs separated by " | ", as the codebook's JSON gives them in lists.
 */
final class CodebookCsv {

    static final List<String> HEADER = List.of("file", "variable", "label", "type", "levels", "units", "missing");

    private CodebookCsv() {
    }

    static String of(Codebook codebook) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(HEADER.toArray(String[]::new)).get())) {
            for (Variable v : codebook.variables()) {
                printer.printRecord(v.file(), v.variable(), v.label(), v.type().code(), pairs(v.levels()), v.units(),
                        pairs(v.missing()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String pairs(List<Level> levels) {
        return levels.stream().map(level -> level.code() + "=" + level.label()).collect(Collectors.joining(" | "));
    }
}
