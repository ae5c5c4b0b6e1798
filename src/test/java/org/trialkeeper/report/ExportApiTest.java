package org.trialkeeper.report;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {

    private static final List<String> EXPORTS = List.of("scores-long.csv", "scores-wide.csv", "codebook.csv",
            "codebook.json", "trial.R", "trial.sps");

    @Inject
    @Client("/")
    HttpClient http;

    private ExportedTrial exported;

    @BeforeAll
    void aLockedTrial() {
        exported = new ExportedTrial(http);
    }

    @Test
    void beforeLockNoneOfTheExportsExists() {
        RecruitingTrial recruiting = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL,
                Api.unique("unlocked")));
        for (String export : EXPORTS) {
            problem(HttpStatus.CONFLICT, "not-locked",
                    () -> recruiting.statistician.retrieve(HttpRequest.GET(recruiting.path("/exports/" + export))));
        }
    }

    @Test
    void theLongScoresAreEveryScoreOfEveryAssessmentAsTheServiceScoredIt() throws IOException {
        HttpResponse<String> response = exported.trial.statistician.exchange(
                HttpRequest.GET(exported.trial.path("/exports/scores-long.csv")), String.class);
        assertEquals("text/csv", response.getContentType().orElseThrow().getName());
        assertTrue(response.header("Content-Disposition").contains("scores-long-" + exported.trial.id + ".csv"));
        List<CSVRecord> rows = records(response.body());
        assertEquals(List.of("participant", "arm", "timepoint", "instrument", "score", "value", "prorated"),
                rows.get(0).getParser().getHeaderNames());
        Map<String, String> held = new HashMap<>();
        for (long id : exported.randomised) {
            if (id != exported.withdrawn) {
                exported.scores(id).forEach((key, value) -> held.put(exported.codes.get(id) + "/" + key,
                        value == null ? "" : LongScores.text(value)));
            }
        }
        Map<String, String> exportedValues = new HashMap<>();
        for (CSVRecord row : rows) {
            String code = row.get("participant");
            long id = exported.codes.entrySet().stream().filter(e -> e.getValue().equals(code)).findFirst().orElseThrow().getKey();
            assertEquals(exported.arms.get(id), row.get("arm"));
            exportedValues.put(code + "/" + row.get("timepoint") + "/" + row.get("instrument") + "/" + row.get("score"),
                    row.get("value"));
        }
        assertEquals(held, exportedValues, "every score the service holds, and nothing of the one who withdrew their data");
        // 7 participants' baselines and 6 post-tests of three instruments: a total and 8, 5 and 6 subscales each
        assertEquals((7 + 6) * (9 + 6 + 7), rows.size());
        CSVRecord prorated = rows.stream().filter(r -> r.get("participant").equals("E-0") && r.get("timepoint").equals("post")
                && r.get("instrument").equals("QWL") && r.get("score").equals("total")).findFirst().orElseThrow();
        assertEquals("true", prorated.get("prorated"));
        assertTrue(rows.stream().anyMatch(r -> r.get("participant").equals("E-1") && r.get("instrument").equals("CDRISC")
                && r.get("score").equals("total") && r.get("timepoint").equals("baseline") && r.get("value").isEmpty()),
                "a score that could not be computed is an empty value");
    }

    @Test
    void theWideScoresHaveOneRowPerRandomisedParticipantWithEveryScoreOfTheProtocol() throws IOException {
        List<CSVRecord> rows = records(exported.get("scores-wide.csv"));
        List<String> header = rows.get(0).getParser().getHeaderNames();
        assertEquals(List.of("participant", "site", "arm", "baseline_QWL_total", "baseline_QWL_payment"), header.subList(0, 5));
        assertTrue(header.contains("post_QWL_social_relation"), "hyphens become underscores: " + header);
        assertEquals(3 + 2 * (9 + 6 + 7), header.size());
        assertEquals(exported.randomised.stream().filter(id -> id != exported.withdrawn).map(exported.codes::get).toList(),
                rows.stream().map(r -> r.get("participant")).toList(), "everyone randomised whose data may be used, in order");
        for (CSVRecord row : rows) {
            long id = exported.codes.entrySet().stream().filter(e -> e.getValue().equals(row.get("participant")))
                    .findFirst().orElseThrow().getKey();
            assertEquals(exported.arms.get(id), row.get("arm"));
            assertEquals("RAZI", row.get("site"));
            Map<String, Double> held = exported.scores(id);
            for (String column : header.subList(3, header.size())) {
                String[] parts = column.split("_", 3);
                Double value = held.get(parts[0] + "/" + parts[1] + "/" + parts[2].replace('_', '-'));
                assertEquals(value == null ? "" : LongScores.text(value), row.get(column), row.get("participant") + " " + column);
            }
        }
        CSVRecord withoutPost = rows.stream().filter(r -> r.get("participant").equals(exported.codes.get(exported.withoutPost)))
                .findFirst().orElseThrow();
        assertEquals("", withoutPost.get("post_QWL_total"));
        assertFalse(withoutPost.get("baseline_QWL_total").isEmpty());
    }

    @Test
    void theCodebookDescribesEveryColumnOfEveryExportInCsvAndJson() throws IOException {
        Map<?, ?> codebook = exported.trial.statistician.retrieve(HttpRequest.GET(exported.trial.path("/exports/codebook.json")),
                Map.class);
        List<Map<?, ?>> variables = (List<Map<?, ?>>) codebook.get("variables");
        long id = exported.trial.id;
        Map<String, String> exports = Map.of("participants-" + id + ".csv", "participants.csv",
                "assessments-" + id + ".csv", "assessments.csv", "scores-long-" + id + ".csv", "scores-long.csv",
                "scores-wide-" + id + ".csv", "scores-wide.csv");
        assertEquals(exports.keySet(), variables.stream().map(v -> v.get("file")).collect(Collectors.toSet()));
        exports.forEach((file, export) -> {
            List<String> header = exported.get(export).lines().findFirst().map(line -> List.of(line.split(","))).orElseThrow();
            assertEquals(header, variables.stream().filter(v -> v.get("file").equals(file)).map(v -> v.get("variable")).toList(),
                    file);
        });
        Map<?, ?> arm = variables.stream().filter(v -> v.get("file").equals("scores-wide-" + id + ".csv")
                && v.get("variable").equals("arm")).findFirst().orElseThrow();
        assertEquals("category", arm.get("type"));
        assertEquals(List.of(Map.of("code", "BALINT", "label", "Balint group training"),
                Map.of("code", "WAITLIST", "label", "Waitlist control")), arm.get("levels"));
        Map<?, ?> total = variables.stream().filter(v -> v.get("variable").equals("post_QWL_total")).findFirst().orElseThrow();
        assertEquals("number", total.get("type"));
        assertEquals("points", total.get("units"));
        assertEquals("", ((Map<?, ?>) ((List<?>) total.get("missing")).get(0)).get("code"), "an empty field is missing");
        Map<?, ?> participant = variables.stream().filter(v -> v.get("variable").equals("participant")).findFirst().orElseThrow();
        assertEquals(List.of(), participant.get("missing"), "a participant code is never missing");

        List<CSVRecord> rows = records(exported.get("codebook.csv"));
        assertEquals(variables.size(), rows.size());
        CSVRecord sex = rows.stream().filter(r -> r.get("variable").equals("sex")).findFirst().orElseThrow();
        assertEquals("category", sex.get("type"));
        assertEquals("female=Female | male=Male", sex.get("levels"), "codes with their labels, in words where the protocol gives none");
        CSVRecord education = rows.stream().filter(r -> r.get("variable").equals("education")).findFirst().orElseThrow();
        assertEquals("bachelor=Bachelor's degree | master-or-higher=Master's degree or higher", education.get("levels"),
                "the protocol's labels");
    }

    @Test
    void everyExportIsAuditedWithWhoTookIt() {
        for (String export : EXPORTS) {
            exported.get(export);
        }
        List<AuditView> trail = exported.trial.admin.retrieve(HttpRequest.GET(exported.trial.path("/audit")),
                Argument.listOf(AuditView.class));
        Set<String> actions = trail.stream().filter(r -> "STATISTICIAN".equals(r.role())).map(AuditView::action)
                .collect(Collectors.toSet());
        assertTrue(actions.containsAll(List.of("export.scores-long", "export.scores-wide", "export.codebook",
                "export.r-script", "export.spss-syntax")), actions.toString());
    }

    @Test
    void nothingOfAnExportStaysOnDiskOnceItIsSent() throws IOException {
        exported.get("scores-long.csv");
        exported.get("scores-wide.csv");
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("export-")).toList());
        }
    }

    @Test
    void theAssessorGetsNoneOfTheExports() {
        for (String export : EXPORTS) {
            problem(HttpStatus.FORBIDDEN, "forbidden",
                    () -> exported.trial.assessor.retrieve(HttpRequest.GET(exported.trial.path("/exports/" + export))));
        }
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords());
    }
}
