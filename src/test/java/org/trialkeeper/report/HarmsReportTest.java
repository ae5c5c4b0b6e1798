package org.trialkeeper.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.HarmsTable;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's harms table: pooled before LOCKED, by arm after, counted from what coordinators recorded. */
@MicronautTest(transactional = false)
class HarmsReportTest {

    @Inject
    @Client("/")
    HttpClient http;

    private static void record(RecruitingTrial trial, long participant, boolean serious, String severity, String relatedness) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("onset", LocalDate.now(ZoneOffset.UTC).toString(),
                "description", "headache", "serious", serious, "severity", severity, "relatedness", relatedness,
                "outcome", "recovered"));
        body.put("criteria", serious ? List.of("other-important-medical-event") : List.of());
        trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/adverse-events"), body),
                Map.class);
    }

    private static Map<?, ?> harms(RecruitingTrial trial) {
        Map<?, ?> json = trial.investigator.retrieve(HttpRequest.GET(trial.path("/reports/consort.json")), Map.class);
        return (Map<?, ?>) ((Map<?, ?>) json.get("report")).get("harms");
    }

    private static List<?> counts(Map<?, ?> harms, String measure) {
        return ((List<?>) harms.get("rows")).stream().map(r -> (Map<?, ?>) r).filter(r -> measure.equals(r.get("measure")))
                .map(r -> (List<?>) r.get("counts")).findFirst().orElseThrow();
    }

    @Test
    void theHarmsTableIsPooledInTheInterimReportAndByArmOnceLocked() throws IOException {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("harms-report"),
                tree -> tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2)))));
        Map<String, Long> firstOf = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            long id = trial.enrol("H-" + i, i % 2 == 0 ? "female" : "male");
            firstOf.putIfAbsent((String) trial.randomise(id, Api.unique("key")).get("arm"), id);
        }
        long balint = firstOf.get("BALINT");
        long waitlist = firstOf.get("WAITLIST");
        record(trial, balint, true, "severe", "probable");
        record(trial, balint, false, "mild", "possible");
        record(trial, waitlist, false, "mild", "not-related");

        Map<?, ?> interim = harms(trial);
        assertEquals(List.of(HarmsTable.POOLED), interim.get("groups"));
        assertEquals(List.of(4), interim.get("participants"));
        assertEquals(List.of(2), counts(interim, "participants-with-event"));
        assertEquals(List.of(3), counts(interim, "events"));
        assertEquals(List.of(1), counts(interim, "serious-events"));
        String pdf = RenderedPdf.text(trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")),
                byte[].class).body());
        assertTrue(pdf.contains("Harms") && pdf.contains("Serious adverse events"), pdf);
        assertTrue(pdf.contains("All randomised (pooled until LOCKED) (n = 4)"), pdf);
        for (String label : List.of("Balint group training", "Waitlist control", "Arm A", "Group A")) {
            assertFalse(pdf.contains(label), label);
        }

        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> locked = harms(trial);
        assertEquals(List.of("Balint group training", "Waitlist control", "Total"), locked.get("groups"));
        assertEquals(List.of(2, 2, 4), locked.get("participants"));
        assertEquals(List.of(1, 1, 2), counts(locked, "participants-with-event"));
        assertEquals(List.of(1, 0, 1), counts(locked, "participants-with-serious-event"));
        assertEquals(List.of(2, 1, 3), counts(locked, "events"));
        assertEquals(List.of(1, 0, 1), counts(locked, "serious-events"));
        String lockedPdf = RenderedPdf.text(trial.investigator.exchange(HttpRequest.GET(trial.path("/reports/consort.pdf")),
                byte[].class).body());
        assertTrue(lockedPdf.contains("Total (n = 4)"), lockedPdf);
    }
}
