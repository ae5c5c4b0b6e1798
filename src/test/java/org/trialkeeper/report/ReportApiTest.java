package org.trialkeeper.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class ReportApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    /**
     * A small seed trial: 12 randomised with baseline and post scores, two screened out, one lost
     * to follow-up. Blocks of four, so that both arms have people whatever the seed.
     */
    private RecruitingTrial trialWithData(Map<Long, String> arms) {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("report"),
                tree -> tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(4)))));
        trial.screen("X-1", "male", false, "given");
        trial.screen("X-2", "female", true, "declined");
        for (int i = 0; i < 12; i++) {
            long id = trial.enrol("R-" + i, i % 2 == 0 ? "female" : "male");
            arms.put(id, (String) trial.randomise(id, "key-r" + i + "-report").get("arm"));
        }
        int i = 0;
        long lost = -1;
        for (Map.Entry<Long, String> entry : arms.entrySet()) {
            int shift = entry.getValue().equals("BALINT") ? 1 : 0;
            enter(trial, entry.getKey(), "baseline", 2 + i % 2, "intervention");
            if (lost < 0 && entry.getValue().equals("WAITLIST")) {
                lost = entry.getKey();
                continue;
            }
            enter(trial, entry.getKey(), "post", 2 + i % 2 + shift, i % 3 == 0 ? "dont-know" : "control");
            i++;
        }
        trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + lost + "/events"), Map.of("kind",
                "lost-to-follow-up", "date", LocalDate.now(ZoneOffset.UTC).toString(), "reason", "moved to another city",
                "timepoint", "post")), Map.class);
        return trial;
    }

    private static void enter(RecruitingTrial trial, long participant, String timepoint, int value, String guess) {
        for (Map.Entry<String, Integer> instrument : Map.of("QWL", 35, "CDRISC", 25, "CSS", 30).entrySet()) {
            List<Integer> responses = new ArrayList<>(Collections.nCopies(instrument.getValue(), value));
            responses.set(0, Math.min(4, value + (int) (participant % 3)));
            // answers that differ by participant and timepoint, so that no model fits exactly
            responses.set(1, (int) ((participant * 7 + timepoint.length() * 3) % 4) + 1);
            trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                    Map.of("instrument", instrument.getKey(), "timepoint", timepoint, "responses", responses, "guess", guess)),
                    Map.class);
        }
    }

    @Test
    void beforeLockOnlyABlindedInterimReportExistsAndNoExports() throws IOException {
        Map<Long, String> arms = new HashMap<>();
        RecruitingTrial trial = trialWithData(arms);
        Map<?, ?> json = trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")), Map.class);
        Map<?, ?> report = (Map<?, ?>) json.get("report");
        assertEquals(false, report.get("unblinded"));
        assertEquals(List.of(), report.get("groups"), "nothing is shown by arm, not even under neutral labels");
        List<?> flowColumns = (List<?>) ((Map<?, ?>) report.get("flow")).get("arms");
        assertEquals(1, flowColumns.size());
        assertEquals(12, ((Number) ((Map<?, ?>) flowColumns.get(0)).get("allocated")).intValue(), "one column of everyone randomised");
        String text = trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")));
        for (String word : List.of("BALINT", "WAITLIST", "Balint group training", "Waitlist control", "adjustedDifference", "Arm A", "Arm B")) {
            assertFalse(text.contains(word), word);
        }
        String pdf = RenderedPdf.text(trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")), byte[].class).body());
        assertTrue(pdf.contains("blinded interim report"));
        assertTrue(pdf.contains("Audit trail anchor: chain trial-" + trial.id + ", record "),
                "every page carries the anchor of the trial's audit chain");
        assertFalse(pdf.contains("Balint group training") || pdf.contains("Waitlist control"), pdf);
        assertTrue(pdf.contains("Allocated to any arm (pooled until LOCKED) (n = 12)"), pdf);
        assertFalse(pdf.contains("Arm A") || pdf.contains("Arm B"), pdf);

        problem(HttpStatus.CONFLICT, "not-locked", () -> trial.statistician.retrieve(HttpRequest.GET(trial.path("/exports/participants.csv"))));
        problem(HttpStatus.CONFLICT, "not-locked", () -> trial.statistician.retrieve(HttpRequest.GET(trial.path("/exports/assessments.csv"))));
        problem(HttpStatus.BAD_REQUEST, "invalid-request", () -> trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json?wording=1999"))));
    }

    @Test
    void afterLockTheReportShowsTheFlowCountsAndTheAncovaAndTheDataCanBeExported() throws IOException {
        Map<Long, String> arms = new HashMap<>();
        RecruitingTrial trial = trialWithData(arms);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> json = trial.statistician.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")), Map.class);
        Map<?, ?> report = (Map<?, ?>) json.get("report");
        assertEquals(true, report.get("unblinded"));
        assertEquals(64, ((String) json.get("sha256")).length());
        assertEquals("2010", json.get("wording"), "a wording is its year on the wire, 2010 by default");
        assertEquals(Set.of("report", "wording", "trialStatus", "sha256", "generatedAt", "auditAnchor"), json.keySet());
        Map<?, ?> anchor = (Map<?, ?>) json.get("auditAnchor");
        assertEquals("trial-" + trial.id, anchor.get("chain"), "the report anchors its trial's own chain");
        assertEquals(true, trial.admin.retrieve(HttpRequest.GET("/api/audit/verify?chain=" + anchor.get("chain") + "&anchorSeq=" + anchor.get("seq")
                + "&anchorHash=" + anchor.get("hash")), Map.class).get("extendsAnchor"), "the report's anchor is a point of the chain");
        assertEquals("2025", trial.statistician.retrieve(HttpRequest.GET(trial.path("/reports/consort.json?wording=2025")),
                Map.class).get("wording"));
        Map<?, ?> flow = (Map<?, ?>) report.get("flow");
        assertEquals(14, flow.get("assessed"));
        assertEquals(12, flow.get("randomised"));
        assertEquals(Map.of("total", 2, "notMeetingCriteria", 1, "criteria", List.of(Map.of("reason",
                "I2: No history of a diagnosis of severe psychiatric disorder", "n", 1)),
                "declined", 1, "otherReasons", 0), flow.get("excluded"));
        List<Map<?, ?>> armFlows = (List<Map<?, ?>>) flow.get("arms");
        long balint = arms.values().stream().filter("BALINT"::equals).count();
        assertEquals(balint, ((Number) armFlows.get(0).get("allocated")).longValue());
        assertEquals(balint, ((Number) armFlows.get(0).get("analysed")).longValue());
        assertEquals(1, armFlows.get(1).get("lostToFollowUp"));
        assertEquals(List.of(), ((Map<String, Object>) armFlows.get(1)).getOrDefault("exclusionReasons", List.of()),
                "the one lost is not listed again as excluded");
        assertEquals(1, armFlows.get(1).get("notAnalysedAfterLeaving"));

        Map<?, ?> primary = ((List<Map<?, ?>>) report.get("outcomes")).get(0);
        Map<?, ?> ancova = (Map<?, ?>) primary.get("ancova");
        assertEquals(11, ancova.get("n"));
        double f = ((Number) ancova.get("f")).doubleValue();
        double difference = ((Number) ancova.get("adjustedDifference")).doubleValue();
        assertTrue(difference > 0, "the intervention arm scored one point higher on every item: " + difference);

        byte[] bytes = trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf?wording=2025")), byte[].class).body();
        String firstPage = RenderedPdf.pageText(bytes, 1);
        assertTrue(firstPage.contains("Assessed for eligibility (n = 14)"), firstPage);
        assertTrue(firstPage.contains("Excluded (n = 2)"), firstPage);
        assertTrue(firstPage.contains("Randomised (n = 12)"), firstPage);
        assertTrue(firstPage.contains("Allocated to Balint group training (n = " + balint + ")"), firstPage);
        assertTrue(firstPage.contains("Lost to follow-up (n = 1)"), firstPage);
        assertTrue(firstPage.contains("moved to another city (n = 1)"), firstPage);
        assertTrue(firstPage.contains("Analysed for the primary outcome (n = " + balint + ")"), firstPage);
        // the PDF wraps long lines; compare the words
        String all = RenderedPdf.text(bytes).replaceAll("\\s+", " ");
        assertTrue(all.contains(String.format(Locale.ROOT, "F(1, 8) = %.2f", f)), all);
        assertTrue(all.contains(String.format(Locale.ROOT, "adjusted difference (intervention - control) = %.2f", difference)), all);
        assertTrue(all.contains("James' blinding index"), all);
        assertTrue(all.contains("data snapshot SHA-256 "), all);
        assertTrue(RenderedPdf.text(trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")), byte[].class).body())
                .contains("Randomized (n = 12)"), "CONSORT 2010 wording by default");

        String participants = trial.statistician.retrieve(HttpRequest.GET(trial.path("/exports/participants.csv")));
        List<String> rows = participants.lines().toList();
        assertEquals(15, rows.size());
        assertTrue(rows.get(0).startsWith("participant,site,screening,failed_criteria,arm,allocation_number,status"), rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("R-0,RAZI,ENROLLED,,")), participants);
        String assessments = trial.statistician.retrieve(HttpRequest.GET(trial.path("/exports/assessments.csv")));
        assertEquals("participant,arm,timepoint,instrument,item,value", assessments.lines().findFirst().orElseThrow());
        assertEquals(1 + (12 + 11) * (35 + 25 + 30), assessments.lines().count());
        assertNull(json.get("missing"));
    }
}
