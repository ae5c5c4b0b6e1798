package org.trialkeeper.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;
import org.trialkeeper.support.ReferenceData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class AssessmentApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    private static List<Object> answers(int count, int value) {
        return new ArrayList<>(Collections.nCopies(count, value));
    }

    private static Map<String, Object> entry(String instrument, String timepoint, List<Object> responses, String guess) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        body.put("timepoint", timepoint);
        body.put("responses", responses);
        if (guess != null) {
            body.put("guess", guess);
        }
        return body;
    }

    private static Map<?, ?> enter(RecruitingTrial trial, long participant, Map<String, Object> body) {
        return trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"), body),
                Map.class);
    }

    private static List<Map> assessments(RecruitingTrial trial, long participant) {
        return trial.assessor.retrieve(HttpRequest.GET(trial.path("/participants/" + participant + "/assessments")),
                Argument.listOf(Map.class));
    }

    @Test
    void anAssessmentIsScoredWithProrationOnlyWithinTheAllowanceAndEnteredOnce() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("assess")));
        long participant = trial.enrol("N-1", "female");
        trial.randomise(participant, "key-n1-assess");
        List<Object> qwl = answers(35, 3);
        qwl.set(0, null);
        Map<?, ?> entered = enter(trial, participant, entry("QWL", "baseline", qwl, "dont-know"));

        Map<?, ?> total = (Map<?, ?>) entered.get("total");
        assertEquals(105.0, total.get("value"), "34 answers of 3, prorated to 35 items");
        assertEquals(true, total.get("prorated"));
        Map<?, ?> payment = (Map<?, ?>) ((Map<?, ?>) entered.get("subscales")).get("payment");
        assertNull(payment.get("value"), "a four-item subscale is allowed no missing item");
        assertTrue(((String) payment.get("missingBecause")).startsWith("1 of 4 items unanswered"));
        assertEquals(18.0, ((Map<?, ?>) ((Map<?, ?>) entered.get("subscales")).get("safety")).get("value"));
        assertEquals("dont-know", entered.get("guess"));
        assertEquals(Arrays.asList(qwl.toArray()), entered.get("responses"), "an unanswered item stays in its place");
        assertFalse(entered.containsKey("arm"));

        problem(HttpStatus.CONFLICT, "duplicate-assessment", () -> enter(trial, participant, entry("QWL", "baseline", answers(35, 4), null)));
        List<Map> stored = assessments(trial, participant);
        assertEquals(1, stored.size());
        assertEquals(105.0, ((Map<?, ?>) stored.get(0).get("total")).get("value"), "the refused second entry changed nothing");
    }

    @Test
    void aBadEntryNamesEachFieldAndRuleAndStoresNothing() {
        String yaml = ProtocolFiles.seedVariantYaml(Api.unique("assess-bad"), tree -> {
            List<Map<String, Object>> timepoints = (List<Map<String, Object>>) tree.get("timepoints");
            timepoints.get(0).put("instruments", List.of("QWL", "CDRISC"));
            Map<String, Object> outcomes = (Map<String, Object>) tree.get("outcomes");
            outcomes.put("secondary", List.of(Map.of("instrument", "CDRISC", "timepoint", "post")));
        });
        RecruitingTrial trial = new RecruitingTrial(http, yaml);
        long participant = trial.enrol("N-1", "female");
        long notRandomised = trial.enrol("N-2", "male");
        trial.randomise(participant, "key-n1-bad-entry");

        List<Object> bad = answers(25, 2);
        bad.set(3, 5);
        bad.set(4, "3");
        bad.set(5, 2.5);
        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, "invalid-assessment",
                () -> enter(trial, participant, entry("CDRISC", "baseline", bad, "arm-b")));
        assertEquals(List.of("responses[3] range", "responses[4] type", "responses[5] type", "guess one-of"), rules(problem));

        problem = problem(HttpStatus.BAD_REQUEST, "invalid-assessment",
                () -> enter(trial, participant, entry("CDRISC", "baseline", answers(24, 2), null)));
        assertEquals(List.of("responses item-count"), rules(problem));
        problem = problem(HttpStatus.BAD_REQUEST, "invalid-assessment",
                () -> enter(trial, participant, entry("CSS", "baseline", answers(30, 2), null)));
        assertEquals(List.of("instrument not-at-timepoint"), rules(problem));
        problem = problem(HttpStatus.BAD_REQUEST, "invalid-assessment",
                () -> enter(trial, participant, entry("PHQ9", "week-2", null, null)));
        assertEquals(List.of("instrument one-of", "timepoint one-of"), rules(problem));
        problem(HttpStatus.CONFLICT, "not-randomised",
                () -> enter(trial, notRandomised, entry("CDRISC", "baseline", answers(25, 2), null)));
        problem(HttpStatus.NOT_FOUND, "not-found",
                () -> enter(trial, 987_654_321L, entry("CDRISC", "baseline", answers(25, 2), null)));
        assertEquals(List.of(), assessments(trial, participant));
    }

    @Test
    void aCorrectionNeedsAReasonAndTheAuditTrailKeepsTheEarlierValues() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("correct")));
        long participant = trial.enrol("N-1", "female");
        trial.randomise(participant, "key-n1-correct");
        Map<?, ?> entered = enter(trial, participant, entry("CDRISC", "post", answers(25, 2), "control"));
        String path = trial.path("/participants/" + participant + "/assessments/" + entered.get("id"));

        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, "invalid-correction",
                () -> trial.assessor.retrieve(HttpRequest.PUT(path, Map.of("responses", answers(25, 3))), Map.class));
        assertEquals(List.of("reason required"), rules(problem));
        Map<?, ?> corrected = trial.assessor.retrieve(HttpRequest.PUT(path, Map.of("responses", answers(25, 3),
                "reason", "item values were entered from the wrong sheet")), Map.class);
        assertEquals(75.0, ((Map<?, ?>) corrected.get("total")).get("value"));
        assertEquals(2, corrected.get("version"));
        assertEquals("control", corrected.get("guess"), "a correction without a guess keeps the guess");

        List<Map> trail = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(Map.class));
        Map<?, ?> record = trail.stream().filter(r -> "assessment.corrected".equals(r.get("action"))).findFirst().orElseThrow();
        assertEquals("item values were entered from the wrong sheet", record.get("reason"));
        assertTrue(((String) record.get("before")).contains("\"total\":50.0"), (String) record.get("before"));
        assertTrue(((String) record.get("after")).contains("\"total\":75.0"), (String) record.get("after"));

        trial.move("FOLLOW_UP");
        enter(trial, participant, entry("QWL", "post", answers(35, 3), null));
        trial.move("LOCKED");
        problem(HttpStatus.CONFLICT, "not-collecting", () -> enter(trial, participant, entry("CSS", "post", answers(30, 3), null)));
    }

    @Test
    void aBulkImportStoresAllRowsOrNoneAndNeverTheArm() {
        RecruitingTrial trial = new RecruitingTrial(http,
                ProtocolFiles.seedVariantYaml(Api.unique("import"), ReferenceData::instruments));
        Map<String, Long> ids = new HashMap<>();
        for (String code : ReferenceData.arms().keySet()) {
            long id = trial.enrol(code, "female");
            trial.randomise(id, "key-" + code + "-import");
            ids.put(code, id);
        }
        String good = ReferenceData.itemsCsv();
        String bad = good.replaceFirst("\"P001\",\"intervention\",\"baseline\",\"CD-RISC-25\",1,2",
                "\"P001\",\"intervention\",\"baseline\",\"CD-RISC-25\",1,7")
                + "\"P999\",\"waitlist\",\"post\",\"CSS-30\",1,3\n";
        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, "invalid-import",
                () -> trial.assessor.retrieve(HttpRequest.POST(trial.path("/assessments/import"), bad)
                        .contentType(MediaType.of("text/csv")), Map.class));
        assertEquals(List.of("rows[2].value range", "rows[5402].participant unknown"), rules(problem));
        assertEquals(List.of(), assessments(trial, ids.get("P001")), "a file with a bad row stores nothing");

        Map<?, ?> imported = trial.assessor.retrieve(HttpRequest.POST(trial.path("/assessments/import"), good)
                .contentType(MediaType.of("text/csv")), Map.class);
        assertEquals(5400, imported.get("rows"));
        List<Map> p001 = assessments(trial, ids.get("P001"));
        assertEquals(6, p001.size());
        int expected = good.lines().filter(l -> l.startsWith("\"P001\",\"intervention\",\"baseline\",\"CD-RISC-25\""))
                .mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(',') + 1))).sum();
        Map<?, ?> cdrisc = p001.stream().filter(a -> a.get("instrument").equals("CD-RISC-25") && a.get("timepoint").equals("baseline"))
                .findFirst().orElseThrow();
        assertEquals((double) expected, ((Map<?, ?>) cdrisc.get("total")).get("value"));
        String all = trial.assessor.retrieve(HttpRequest.GET(trial.path("/participants/" + ids.get("P001") + "/assessments")));
        assertFalse(all.contains("intervention") || all.contains("waitlist"), "the file's arm column is never stored");

        problem = problem(HttpStatus.BAD_REQUEST, "invalid-import",
                () -> trial.assessor.retrieve(HttpRequest.POST(trial.path("/assessments/import"), good)
                        .contentType(MediaType.of("text/csv")), Map.class));
        assertEquals("duplicate-assessment", ((List<Map<String, Object>>) problem.get("violations")).get(0).get("rule"));
        assertEquals(6, assessments(trial, ids.get("P001")).size(), "importing again stores nothing twice");
    }

    @Test
    void anImportedAssessmentKeepsTheAssessorsGuess() {
        RecruitingTrial trial = new RecruitingTrial(http,
                ProtocolFiles.seedVariantYaml(Api.unique("import-guess"), ReferenceData::instruments));
        long id = trial.enrol("G-1", "female");
        trial.randomise(id, "key-G-1-import-guess");
        StringBuilder csv = new StringBuilder("participant,timepoint,instrument,item,value,guess\n");
        for (int item = 1; item <= 30; item++) {
            csv.append("G-1,baseline,CSS-30,").append(item).append(",2,").append(item == 30 ? "dont-know" : "").append('\n');
        }
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/assessments/import"), csv.toString())
                .contentType(MediaType.of("text/csv")), Map.class);
        Map<?, ?> imported = assessments(trial, id).get(0);
        assertEquals("dont-know", imported.get("guess"));
        assertEquals(60.0, ((Map<?, ?>) imported.get("total")).get("value"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("violations")).stream()
                .map(v -> v.get("field") + " " + v.get("rule")).toList();
    }
}
