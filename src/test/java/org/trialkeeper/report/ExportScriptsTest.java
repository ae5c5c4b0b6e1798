package org.trialkeeper.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated R script is run with Rscript on the exported files, and what R loaded is
 * compared with the codebook and with the scores the service holds; the SPSS syntax, with no
 * SPSS here, is read back and compared with the codebook name by name.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportScriptsTest {

    private static final List<String> CSVS = List.of("participants", "assessments", "scores-long", "scores-wide");

    @Inject
    @Client("/")
    HttpClient http;

    private ExportedTrial exported;
    private List<Map<?, ?>> codebook;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void aLockedTrial() {
        exported = new ExportedTrial(http);
        codebook = (List<Map<?, ?>>) exported.trial.statistician.retrieve(HttpRequest.GET(
                exported.trial.path("/exports/codebook.json")), Map.class).get("variables");
    }

    @Test
    void rLoadsEveryExportWithTheCodebooksTypesLabelsAndLevelsAndTheServicesScores(@TempDir Path folder)
            throws IOException, InterruptedException {
        Map<String, Integer> csvRows = new HashMap<>();
        for (String export : CSVS) {
            String csv = exported.get(export + ".csv");
            Files.writeString(folder.resolve(export + "-" + exported.trial.id + ".csv"), csv, StandardCharsets.UTF_8);
            csvRows.put(export.replace('-', '_'), (int) org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                    .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv)).stream().count());
        }
        Files.writeString(folder.resolve("trial.R"), exported.get("trial.R"), StandardCharsets.UTF_8);
        Loaded loaded = Loaded.run(folder);

        assertEquals(csvRows, loaded.rows, "R read every row of every file");
        assertEquals(9, loaded.rows.get("participants"));
        assertEquals(7, loaded.rows.get("scores_wide"));
        long id = exported.trial.id;
        for (String export : CSVS) {
            String file = export + "-" + id + ".csv";
            String frame = export.replace('-', '_');
            List<Map<?, ?>> variables = codebook.stream().filter(v -> v.get("file").equals(file)).toList();
            assertEquals(variables.stream().map(v -> v.get("variable")).toList(), new ArrayList<>(loaded.columns.get(frame).keySet()),
                    frame + ": the columns in the file's order");
            for (Map<?, ?> variable : variables) {
                String name = (String) variable.get("variable");
                String where = frame + "$" + name;
                assertEquals(List.of(rClass((String) variable.get("type")), variable.get("label")),
                        loaded.columns.get(frame).get(name), where + ": class and label");
                if ("category".equals(variable.get("type"))) {
                    assertEquals(((List<Map<?, ?>>) variable.get("levels")).stream().map(l -> l.get("label")).toList(),
                            loaded.levels.get(where), where + ": factor levels, labelled, in order");
                }
            }
        }
        assertEquals(List.of("Balint group training", "Waitlist control"), loaded.levels.get("scores_wide$arm"));
        for (long participant : exported.randomised) {
            if (participant == exported.withdrawn) {
                continue;
            }
            String code = exported.codes.get(participant);
            String arm = exported.arms.get(participant).equals("BALINT") ? "Balint group training" : "Waitlist control";
            assertEquals(arm, loaded.arms.get(code), code);
            Double held = exported.scores(participant).get("post/QWL/total");
            Double read = loaded.postTotals.get(code);
            if (held == null) {
                assertEquals(null, read, code + " has no post-test, which R reads as NA");
            } else {
                assertEquals(held, read, 1e-9, code);
            }
        }
    }

    private static String rClass(String type) {
        return switch (type) {
            case "string" -> "character";
            case "integer" -> "integer";
            case "number" -> "numeric";
            case "boolean" -> "logical";
            default -> "factor";
        };
    }

    /** What the script loaded, as a few lines of R report it. */
    private record Loaded(Map<String, Integer> rows, Map<String, Map<String, List<Object>>> columns,
                          Map<String, List<String>> levels, Map<String, String> arms, Map<String, Double> postTotals) {

        private static final String REPORT = """
                args <- commandArgs(trailingOnly = TRUE)
                source(file.path(args[1], "trial.R"))
                out <- file(file.path(args[1], "loaded.tsv"), "w", encoding = "UTF-8")
                for (frame in c("participants", "assessments", "scores_long", "scores_wide")) {
                  data <- get(frame)
                  writeLines(paste("rows", frame, nrow(data), sep = "\\t"), out)
                  for (name in names(data)) {
                    x <- data[[name]]
                    writeLines(paste("column", frame, name, class(x)[1], attr(x, "label"), sep = "\\t"), out)
                    if (is.factor(x)) writeLines(paste(c("levels", paste0(frame, "$", name), levels(x)), collapse = "\\t"), out)
                  }
                }
                for (i in seq_len(nrow(scores_wide))) {
                  total <- scores_wide$post_QWL_total[i]
                  writeLines(paste("wide", scores_wide$participant[i], as.character(scores_wide$arm[i]),
                                   if (is.na(total)) "NA" else sprintf("%.12f", total), sep = "\\t"), out)
                }
                close(out)
                """;

        static Loaded run(Path folder) throws IOException, InterruptedException {
            Files.writeString(folder.resolve("report.R"), REPORT);
            Process r = new ProcessBuilder("/usr/bin/Rscript", "--vanilla", folder.resolve("report.R").toString(),
                    folder.toString()).redirectErrorStream(true).start();
            String output = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(r.waitFor(120, TimeUnit.SECONDS), "Rscript finished");
            assertEquals(0, r.exitValue(), output);
            Loaded loaded = new Loaded(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (String line : Files.readAllLines(folder.resolve("loaded.tsv"), StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t", -1);
                switch (cells[0]) {
                    case "rows" -> loaded.rows.put(cells[1], Integer.parseInt(cells[2]));
                    case "column" -> loaded.columns.computeIfAbsent(cells[1], f -> new LinkedHashMap<>())
                            .put(cells[2], List.of(cells[3], cells[4]));
                    case "levels" -> loaded.levels.put(cells[1], List.of(cells).subList(2, cells.length));
                    case "wide" -> {
                        loaded.arms.put(cells[1], cells[2]);
                        loaded.postTotals.put(cells[1], cells[3].equals("NA") ? null : Double.parseDouble(cells[3]));
                    }
                    default -> throw new AssertionError(line);
                }
            }
            return loaded;
        }
    }
}
