package org.trialkeeper.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.SampleSize;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** The protocol's planned analyses and sample size, from the protocol file to the trial and the report. */
@MicronautTest(transactional = false)
class PrespecifiedApiTest {

    private static final Map<String, Object> SAMPLE_SIZE = Map.of("difference", 10, "sd", 15, "correlation", 0.5,
            "power", 0.8, "dropout", 0.1);

    @Inject
    @Client("/")
    HttpClient http;

    /** The seed trial planning its sample size, stratified by sex so that both sexes have both arms, analysed on QWL only. */
    private RecruitingTrial trial() {
        return new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("planned"), tree -> {
            tree.put("randomisation", Map.of("scheme", "stratified-blocks", "blockSizes", List.of(2), "stratifyBy", List.of("sex")));
            tree.put("outcomes", Map.of("primary", List.of(Map.of("instrument", "QWL", "timepoint", "post"))));
            @SuppressWarnings("unchecked")
            Map<String, Object> analysis = new LinkedHashMap<>((Map<String, Object>) tree.get("analysis"));
            analysis.put("sampleSize", SAMPLE_SIZE);
            tree.put("analysis", analysis);
        }));
    }

    private static void enter(RecruitingTrial trial, long participant, String timepoint, int value) {
        List<Integer> responses = new ArrayList<>(Collections.nCopies(35, value));
        responses.set(0, (int) (participant % 5) + 1);
        responses.set(1, (int) ((participant * 7 + timepoint.length() * 3) % 5) + 1);
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                Map.of("instrument", "QWL", "timepoint", timepoint, "responses", responses)), Map.class);
    }

    @Test
    void theTrialShowsItsSampleSizeAndTheLockedReportItsPerProtocolAndSubgroupAnalyses() throws IOException {
        RecruitingTrial trial = trial();
        Map<?, ?> shown = (Map<?, ?>) trial.assessor.retrieve(HttpRequest.GET(trial.path("")), Map.class).get("sampleSize");
        SampleSize.Result expected = SampleSize.of(new SampleSize.Plan(10, 15, 0.5, 0.05, 0.8, 0.1, 1, 1, 30));
        assertEquals(expected.required(), shown.get("required"));
        assertEquals(30, shown.get("target"));
        assertEquals(expected.detectableDifference(), ((Number) shown.get("detectableDifference")).doubleValue(), 1e-12);

        List<Long> ids = trial.enrolAll("S-", 16);
        List<String> arms = new ArrayList<>();
        for (long id : ids) {
            arms.add((String) trial.randomise(id, "key-" + id + "-planned").get("arm"));
        }
        for (int i = 0; i < ids.size(); i++) {
            enter(trial, ids.get(i), "baseline", 2 + i % 3);
            enter(trial, ids.get(i), "post", 2 + i % 3 + (arms.get(i).equals("BALINT") ? 1 : 0));
        }
        for (String arm : List.of("BALINT", "WAITLIST")) {
            long id = ids.get(arms.indexOf(arm));
            trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + id + "/per-protocol"),
                    Map.of("excluded", true, "reason", "absent from three sessions")), Map.class);
        }

        Map<?, ?> blinded = report(trial);
        assertEquals(expected.required(), ((Map<?, ?>) blinded.get("sampleSize")).get("required"));
        assertNull(blinded.get("perProtocol"));
        assertNull(blinded.get("subgroups"));
        String text = trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")));
        assertFalse(text.contains("BALINT") || text.contains("Balint group training"), "nothing by arm before LOCKED");

        String blindedPdf = pdf(trial);
        assertTrue(blindedPdf.contains("shown after the trial is LOCKED") && blindedPdf.contains("60 enrolled"), blindedPdf);
        assertFalse(blindedPdf.contains("Pre-specified sensitivity and subgroup analyses"), blindedPdf);

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> unblinded = report(trial);
        Map<?, ?> perProtocol = (Map<?, ?>) ((List<?>) unblinded.get("perProtocol")).get(0);
        assertEquals(14, ((Map<?, ?>) perProtocol.get("ancova")).get("n"), "16 less one per-protocol exclusion in each arm");
        Map<?, ?> subgroup = (Map<?, ?>) ((List<?>) unblinded.get("subgroups")).get(0);
        assertEquals("sex", subgroup.get("subgroup"));
        assertEquals(16, subgroup.get("n"));
        assertEquals(Map.of("f", ((Map<?, ?>) subgroup.get("interaction")).get("f"),
                "df1", 1, "df2", 11, "p", ((Map<?, ?>) subgroup.get("interaction")).get("p")), subgroup.get("interaction"),
                "intercept, baseline, arm, sex and arm by sex leave 16 - 5 residual degrees of freedom");
        for (Object level : (List<?>) subgroup.get("levels")) {
            assertEquals(4, ((Map<?, ?>) level).get("intervention"), level.toString());
            assertEquals(4, ((Map<?, ?>) level).get("control"), level.toString());
            double difference = ((Number) ((Map<?, ?>) ((Map<?, ?>) level).get("difference")).get("value")).doubleValue();
            assertTrue(difference > 0, "the intervention arm scored higher in both sexes: " + difference);
        }
        String pdf = pdf(trial);
        assertTrue(pdf.contains("Table 3. Pre-specified sensitivity and subgroup analyses"), pdf);
        assertTrue(pdf.contains("Sex by arm interaction") && pdf.contains("F(1, 11) = "), pdf);
        assertTrue(pdf.contains("Sex: Female") && pdf.contains("Per-protocol"), pdf);
        Map<?, ?> ancova = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) trial.statistician.retrieve(
                HttpRequest.GET(trial.path("/reports/consort.json")), Map.class).get("report")).get("outcomes")).get(0)).get("ancova");
        assertEquals("Hedges' g (ANCOVA-adjusted)", ((Map<?, ?>) ancova.get("standardised")).get("measure"));
        assertTrue(((Map<?, ?>) ancova.get("interventionMean")).containsKey("standardError"));
    }

    @Test
    void aPlanNamingAnUnknownCharacteristicIsRefusedWithTheKeyAndRule() {
        Api admin = Api.admin(http);
        String yaml = ProtocolFiles.seedVariantYaml(Api.unique("badplan"), tree -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> analysis = new LinkedHashMap<>((Map<String, Object>) tree.get("analysis"));
            analysis.put("subgroups", List.of("height"));
            analysis.put("sampleSize", Map.of("difference", 10, "sd", 0));
            tree.put("analysis", analysis);
        });
        Map<String, Object> body = problem(HttpStatus.BAD_REQUEST, "invalid-protocol", () -> admin.retrieve(
                HttpRequest.POST("/api/trials", yaml).contentType(Api.YAML)));
        List<?> violations = (List<?>) body.get("violations");
        assertTrue(violations.contains(Map.of("field", "analysis.subgroups[0]", "rule", "unknown-characteristic",
                "message", "'height' is not a baseline characteristic")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> ((Map<?, ?>) v).get("field").equals("analysis.sampleSize.sd")
                && ((Map<?, ?>) v).get("rule").equals("min")), violations.toString());
    }

    private static String pdf(RecruitingTrial trial) throws IOException {
        return RenderedPdf.text(trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")), byte[].class)
                .body()).replaceAll("\\s+", " ");
    }

    private static Map<?, ?> report(RecruitingTrial trial) {
        Map<?, ?> json = trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")), Map.class);
        return (Map<?, ?>) ((Map<?, ?>) json.get("report")).get("prespecified");
    }
}
