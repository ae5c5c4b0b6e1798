package org.trialkeeper.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report as a paper's figures and tables: captions, Table 1's structure, dates, sites and the checklist. */
@MicronautTest(transactional = false)
class PaperApiTest {

    private static final List<String> CONSORT_2025_ITEMS = List.of("1a", "1b", "2", "3", "4", "5a", "5b", "6", "7", "8", "9",
            "10", "11", "12a", "12b", "13", "14", "15", "16a", "16b", "17a", "17b", "18", "19", "20a", "20b", "21a", "21b",
            "21c", "21d", "22a", "22b", "23a", "23b", "24a", "24b", "25", "26", "27", "28", "29", "30");

    @Inject
    @Client("/")
    HttpClient http;

    /** Eight nurses in blocks of four, so four a side; every Balint participant but one attended a session. */
    private RecruitingTrial trial() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("paper"),
                tree -> tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(4)))));
        boolean absentRecorded = false;
        for (int i = 0; i < 8; i++) {
            long id = trial.enrol("N-" + i, "RAZI", Map.of("age", 30 + i, "sex", i % 2 == 0 ? "female" : "male",
                    "marital", "married", "education", i < 3 ? "master-or-higher" : "bachelor"));
            String arm = (String) trial.randomise(id, "key-" + id + "-paper").get("arm");
            for (String timepoint : List.of("baseline", "post")) {
                enter(trial, id, timepoint, 2 + (i + timepoint.length()) % 3);
            }
            if (arm.equals("BALINT")) {
                trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + id + "/attendance/1"),
                        Map.of("present", absentRecorded)), Map.class);
                absentRecorded = true;
            }
        }
        return trial;
    }

    private static void enter(RecruitingTrial trial, long participant, String timepoint, int value) {
        for (Map.Entry<String, Integer> instrument : Map.of("QWL", 35, "CDRISC", 25, "CSS", 30).entrySet()) {
            List<Integer> responses = new ArrayList<>(Collections.nCopies(instrument.getValue(), value));
            responses.set(1, (int) (participant % 4) + 1);
            trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                    Map.of("instrument", instrument.getKey(), "timepoint", timepoint, "responses", responses)), Map.class);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tableOneHasTheArmsWithTheirNumbersLevelsUnderTheirCharacteristicAndTheBaselineScores() {
        RecruitingTrial trial = trial();
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<String, Object> report = (Map<String, Object>) trial.investigator.retrieve(HttpRequest.GET(
                trial.path("/reports/consort.json")), Map.class).get("report");
        Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
        assertEquals(List.of(Map.of("group", "Balint group training", "n", 4), Map.of("group", "Waitlist control", "n", 4),
                Map.of("group", "Overall", "n", 8)), baseline.get("columns"));
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        ((List<Map<String, Object>>) baseline.get("rows")).forEach(row -> rows.put((String) row.get("characteristic"), row));
        assertEquals(List.of("age", "sex", "marital", "education", "QWL", "CDRISC", "CSS"), List.copyOf(rows.keySet()));
        assertEquals("NUMBER", rows.get("age").get("kind"));
        Map<String, Object> overallAge = ((List<Map<String, Object>>) rows.get("age").get("cells")).get(2);
        assertEquals(33.5, ((Number) overallAge.get("mean")).doubleValue(), 1e-9);
        Map<String, Object> education = rows.get("education");
        assertEquals("CATEGORY", education.get("kind"));
        assertFalse(education.containsKey("cells"), "a category's numbers are under its levels");
        List<Map<String, Object>> levels = (List<Map<String, Object>>) education.get("levels");
        assertEquals(List.of("bachelor", "master-or-higher"), levels.stream().map(l -> l.get("level")).toList());
        assertEquals(List.of("Bachelor's degree", "Master's degree or higher"), levels.stream().map(l -> l.get("label")).toList(),
                "the protocol's labels");
        Map<String, Object> overallMasters = ((List<Map<String, Object>>) levels.get(1).get("cells")).get(2);
        assertEquals(3, overallMasters.get("count"));
        assertEquals(37.5, ((Number) overallMasters.get("percent")).doubleValue(), 1e-9);
        assertEquals("OUTCOME", rows.get("QWL").get("kind"));
        assertEquals("Walton Quality of Work Life Questionnaire", rows.get("QWL").get("label"), "the protocol's name, not the code");
        assertEquals(8, ((List<Map<String, Object>>) rows.get("CDRISC").get("cells")).get(2).get("n"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> recruitment = (Map<String, Object>) report.get("recruitment");
        assertEquals(today, recruitment.get("firstRandomised"));
        assertEquals(today, recruitment.get("lastFollowUp"));
        assertEquals(List.of(Map.of("site", "RAZI", "screened", 8, "randomised", 8,
                "allocated", Map.of("Balint group training", 4, "Waitlist control", 4))), recruitment.get("sites"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTestOfSelectionBiasIsInTheReportOnlyAfterLock() {
        RecruitingTrial trial = trial();
        Map<String, Object> blinded = (Map<String, Object>) trial.investigator.retrieve(HttpRequest.GET(
                trial.path("/reports/consort.json")), Map.class).get("report");
        assertFalse(blinded.containsKey("selectionBias"), blinded.keySet().toString());
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<String, Object> report = (Map<String, Object>) trial.investigator.retrieve(HttpRequest.GET(
                trial.path("/reports/consort.json")), Map.class).get("report");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) report.get("selectionBias"))
                .get("rows");
        assertEquals(List.of("age", "age", "QWL", "QWL", "CDRISC", "CDRISC", "CSS", "CSS"),
                rows.stream().map(r -> r.get("measure")).toList(), "numeric characteristics, then baseline scores, by arm");
        for (Map<String, Object> row : rows) {
            assertEquals(4, row.get("n"));
            if (row.get("df") == null) {
                // the sequence is random: in an arm whose four allocations the guess saw alike, there is no slope to fit
                assertEquals("the guess was the same for everyone", row.get("reason"), row.toString());
                continue;
            }
            assertEquals(2, row.get("df"), "n minus the intercept and the slope");
            double t = ((Number) row.get("estimate")).doubleValue() / ((Number) row.get("standardError")).doubleValue();
            assertEquals(t, ((Number) row.get("t")).doubleValue(), 1e-9);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChecklistNamesEveryItemOfConsort2025AndWhereItIsAnswered() {
        RecruitingTrial trial = trial();
        String blinded = trial.statistician.retrieve(HttpRequest.GET(trial.path("/reports/consort-checklist.json")));
        assertFalse(blinded.contains("Balint group training") || blinded.contains("Waitlist control"),
                "before LOCK the checklist names no arm: " + blinded);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<String, Object> checklist = trial.statistician.retrieve(HttpRequest.GET(trial.path("/reports/consort-checklist.json")),
                Map.class);
        assertEquals("CONSORT 2025", checklist.get("guideline"));
        List<Map<String, Object>> items = (List<Map<String, Object>>) checklist.get("items");
        assertEquals(CONSORT_2025_ITEMS, items.stream().map(i -> i.get("item")).toList());
        Map<String, Map<String, Object>> byItem = new LinkedHashMap<>();
        items.forEach(i -> byItem.put((String) i.get("item"), i));
        assertEquals("report", byItem.get("22a").get("source"));
        assertEquals("Figure 1", byItem.get("22a").get("where"));
        assertEquals("protocol", byItem.get("2").get("source"));
        assertTrue(((String) byItem.get("2").get("where")).startsWith("IRCT IRCT"), byItem.get("2").toString());
        assertEquals("authors", byItem.get("29").get("source"));
        assertTrue(((String) byItem.get("17b").get("where")).contains("Permuted blocks of sizes [4]"), byItem.get("17b").toString());
        assertTrue(items.stream().allMatch(i -> !((String) i.get("asks")).isBlank() && !((String) i.get("where")).isBlank()));
        // the tables the checklist points at carry the numbers the PDF gives them
        assertTrue(((String) byItem.get("11").get("where")).endsWith("numbers by site in Table 5"), byItem.get("11").toString());
        assertTrue(((String) byItem.get("20a").get("where")).contains("guesses are in Table 4"), byItem.get("20a").toString());
        assertTrue(((String) byItem.get("18").get("where")).endsWith("Berger and Exner's test of selection bias is in"
                + " Table 6"), byItem.get("18").toString());
        assertEquals(Map.of("source", "report", "where", "Table 7"), Map.of("source", byItem.get("27").get("source"),
                "where", byItem.get("27").get("where")));
        assertTrue(((String) byItem.get("28").get("where")).startsWith("Table 3"), byItem.get("28").toString());
        assertEquals("protocol", byItem.get("21d").get("source"));
        assertTrue(((String) byItem.get("21d").get("where")).contains("subgroups by sex"), byItem.get("21d").toString());
        assertEquals("service", byItem.get("15").get("source"));
    }

    @Test
    void thePdfNumbersItsFiguresAndTablesAndEndsWithTheChecklist() throws IOException {
        RecruitingTrial trial = trial();
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        byte[] pdf = trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")), byte[].class).body();
        String firstPage = RenderedPdf.pageText(pdf, 1);
        assertTrue(firstPage.contains("Figure 1. CONSORT 2010 flow diagram"), firstPage);
        for (String stage : List.of("Enrolment", "Allocation", "Follow-up", "Analysis")) {
            assertTrue(firstPage.contains(stage), stage + " in " + firstPage);
        }
        assertTrue(firstPage.contains("Received allocated intervention (n = 3)"), firstPage);
        assertTrue(firstPage.contains("attended none of the sessions (n = 1)"), firstPage);
        assertTrue(firstPage.contains("Everyone screened is in exactly one line of each stage"), "the note is on page 1: " + firstPage);
        String all = RenderedPdf.text(pdf).replaceAll("\\s+", " ");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String expected : List.of("Table 1. Baseline characteristics by arm",
                "Characteristic Balint group training Waitlist control Overall (n = 4) (n = 4) (n = 8)", "Level of education, n (%)", "Master's degree or higher", "Outcome scores at baseline",
                "Table 2. Outcomes by arm", "Adjusted mean", "Hedges' g", " g = ", "Standardised effect:", "Figure 2. Baseline and follow-up means", "Mean score (95% CI)", "Timepoint",
                "Table 3. Pre-specified sensitivity and subgroup analyses", "Table 4. Blinding of outcome assessment",
                "Table 5. Participants by site",
                "Table 6. Selection bias: baseline against the convergence guess (Berger-Exner)", "Baseline measure Arm n Slope SE t df p",
                "Table 7. Harms: adverse events",
                "Participants were randomised from " + today + " to " + today, "Population: everyone randomised",
                "Connor-Davidson Resilience Scale (CD-RISC-25)")) {
            assertTrue(all.contains(expected), expected + " in " + all);
        }
        assertFalse(all.contains("CDRISC total"), "outcomes are named as in the protocol");
        String lastPage = RenderedPdf.pageText(pdf, pageCount(pdf)).replaceAll("\\s+", " ");
        assertTrue(RenderedPdf.text(pdf).contains("CONSORT 2025 checklist"), all);
        assertTrue(lastPage.contains("Limitations"), "the checklist ends the report: " + lastPage);
    }

    private static int pageCount(byte[] pdf) throws IOException {
        try (com.itextpdf.kernel.pdf.PdfDocument document = new com.itextpdf.kernel.pdf.PdfDocument(
                new com.itextpdf.kernel.pdf.PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
            return document.getNumberOfPages();
        }
    }
}
