package org.trialkeeper.report;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;
import org.w3c.dom.Element;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

@MicronautTest(transactional = false)
class OdmExportTest {

    private static final Map<String, Integer> ITEMS = Map.of("QWL", 35, "CDRISC", 25, "CSS", 30);

    @Inject
    @Client("/")
    HttpClient http;

    /** Two screened out, eight randomised with baseline questionnaires, seven (P-1 to P-7) with post-test ones, one item left blank. */
    private RecruitingTrial trialWithData(Map<String, String> arms, Map<String, Long> ids) {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("odm"),
                tree -> tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(4)))));
        trial.screen("S-1", "male", false, "given");
        trial.screen("S-2", "female", true, "declined");
        for (int i = 0; i < 8; i++) {
            long id = trial.enrol("P-" + i, i % 2 == 0 ? "female" : "male");
            ids.put("P-" + i, id);
            arms.put("P-" + i, (String) trial.randomise(id, Api.unique("key")).get("arm"));
            enter(trial, id, "baseline", 1 + i % 4);
            if (i > 0) {
                enter(trial, id, "post", 2 + i % 3);
            }
        }
        return trial;
    }

    private static void enter(RecruitingTrial trial, long participant, String timepoint, int value) {
        for (Map.Entry<String, Integer> instrument : ITEMS.entrySet()) {
            List<Integer> responses = new ArrayList<>(Collections.nCopies(instrument.getValue(), value));
            responses.set(2, null);
            trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                    Map.of("instrument", instrument.getKey(), "timepoint", timepoint, "responses", responses,
                            "guess", "dont-know")), Map.class);
        }
    }

    @Test
    void afterLockTheOdmFileHasTheStudysMetadataAndEveryonesDataAsOdmRequires() throws Exception {
        Map<String, String> arms = new HashMap<>();
        Map<String, Long> ids = new HashMap<>();
        RecruitingTrial trial = trialWithData(arms, ids);
        trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + ids.get("P-7") + "/events"), Map.of("kind",
                "withdrew-consent", "date", LocalDate.now(ZoneOffset.UTC).toString(), "reason", "no longer wishes to take part",
                "timepoint", "post", "keepData", false)), Map.class);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        HttpResponse<String> response = trial.statistician.exchange(HttpRequest.GET(trial.path("/exports/odm.xml")), String.class);
        assertTrue(response.getContentType().orElseThrow().getName().startsWith("application/xml"));
        OdmStructure odm = new OdmStructure(response.body()).check();

        assertEquals(List.of("SE.ENROLMENT", "SE.TP.baseline", "SE.TP.post"), odm.elements("StudyEventDef").stream()
                .map(e -> e.getAttribute("OID")).toList(), "an event for enrolment and one per timepoint");
        assertEquals(4, odm.elements("FormDef").size(), "the enrolment form and one per instrument");
        assertEquals(3 + 4 + 35 + 25 + 30, odm.elements("ItemDef").size(), "site, status, arm, four characteristics and every item");
        Element armList = odm.elements("CodeList").stream().filter(c -> c.getAttribute("OID").equals("CL.ARM")).findFirst().orElseThrow();
        assertEquals(List.of("BALINT", "WAITLIST"), OdmStructure.children(armList, "CodeListItem").stream()
                .map(i -> i.getAttribute("CodedValue")).toList());

        List<Element> subjects = odm.elements("SubjectData");
        assertEquals(10, subjects.size(), "everyone screened");
        Map<String, String> armsInFile = new HashMap<>();
        for (Element item : odm.elements("ItemData")) {
            if (item.getAttribute("ItemOID").equals("IT.ARM")) {
                Element subject = (Element) item.getParentNode().getParentNode().getParentNode().getParentNode();
                armsInFile.put(subject.getAttribute("SubjectKey"), item.getAttribute("Value"));
            }
        }
        assertEquals(arms, armsInFile, "the arm of each randomised participant, and of nobody else");
        assertEquals(7 * 3, forms(odm, "SE.TP.baseline"), "P-7 withdrew consent without letting the data be kept");
        assertEquals(6 * 3, forms(odm, "SE.TP.post"));
        long responses = odm.elements("ItemData").stream().filter(i -> i.getAttribute("ItemOID").startsWith("IT.IN.")).count();
        assertEquals((7 + 6) * (35 + 25 + 30 - 3), responses, "every response but the blank ones and P-7's");
        Element withdrawn = subjects.stream().filter(e -> e.getAttribute("SubjectKey").equals("P-7")).findFirst().orElseThrow();
        assertEquals(1, OdmStructure.children(withdrawn, "StudyEventData").size(), "only what screening and randomisation recorded");
        assertTrue(odm.elements("ItemData").stream().noneMatch(i -> i.getAttribute("ItemOID").matches("IT\\.IN\\.[A-Z]+\\.3")),
                "an unanswered item has no ItemData");

        List<AuditView> trail = trial.admin.retrieve(HttpRequest.GET(trial.path("/audit")), Argument.listOf(AuditView.class));
        assertTrue(trail.stream().anyMatch(r -> r.action().equals("export.odm") && r.after().contains("\"subjects\":10")),
                "the export is audited");
    }

    private static long forms(OdmStructure odm, String event) {
        return odm.elements("StudyEventData").stream().filter(e -> e.getAttribute("StudyEventOID").equals(event))
                .mapToLong(e -> OdmStructure.children(e, "FormData").size()).sum();
    }

    @Test
    void beforeLockThereIsNoOdmFileAndTheBlindedNeverGetOne() {
        RecruitingTrial trial = trialWithData(new HashMap<>(), new HashMap<>());
        problem(HttpStatus.CONFLICT, "not-locked", () -> trial.investigator.retrieve(HttpRequest.GET(trial.path("/exports/odm.xml"))));
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.assessor.retrieve(HttpRequest.GET(trial.path("/exports/odm.xml"))));
        problem(HttpStatus.FORBIDDEN, "forbidden", () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/exports/odm.xml"))));
    }
}
