package org.trialkeeper.report;

import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ODM file written straight from a trial's data, without a server. */
class OdmFileTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private static TrialData.Person person(String code, String arm, Status status, Map<String, Object> baseline) {
        return new TrialData.Person(code, "RAZI", List.of(), arm, status, List.of(), true, baseline, Map.of(), null, null, false);
    }

    private static AssessmentService.Entered entered(long participant, String instrument, String timepoint, int items, int value) {
        List<Integer> responses = new ArrayList<>(Collections.nCopies(items, value));
        return new AssessmentService.Entered(participant, instrument, timepoint, responses, null, null, NOW);
    }

    private static String write(Protocol protocol, List<TrialData.Person> people, List<AssessmentService.Entered> entered) {
        TrialData data = new TrialData(protocol.title(), "IRCT1", AnalysisTerms.arms(protocol),
                AnalysisTerms.characteristics(protocol), AnalysisTerms.outcomes(protocol), "baseline",
                AnalysisTerms.timepoints(protocol), 8, people, 0);
        StringWriter out = new StringWriter();
        new OdmFile(7, 3, protocol, data, entered, NOW).writeTo(out);
        return out.toString();
    }

    @Test
    void textWithXmlMetacharactersStaysWellFormedAndTheRootSaysWhenAndWhatTheFileIs() throws Exception {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> tree.put("title", "Balint <groups> & \"nurses\""));
        String xml = write(protocol, List.of(person("A&1", "BALINT", Status.RANDOMISED,
                Map.of("age", 41.5, "sex", "female", "marital", "single", "education", "bachelor"))),
                List.of(entered(0, "CSS", "post", 30, 5)));
        OdmStructure odm = new OdmStructure(xml).check();
        assertEquals("Balint <groups> & \"nurses\"", odm.elements("StudyDescription").get(0).getTextContent());
        assertEquals("A&1", odm.elements("SubjectData").get(0).getAttribute("SubjectKey"));
        assertEquals("2026-01-02T03:04:05Z", odm.document.getDocumentElement().getAttribute("CreationDateTime"));
        assertEquals("trialkeeper.trial-7.1767323045", odm.document.getDocumentElement().getAttribute("FileOID"));
        assertEquals("Protocol version 3", odm.elements("MetaDataVersion").get(0).getAttribute("Name"));
        assertTrue(odm.elements("ItemData").stream().anyMatch(i -> i.getAttribute("ItemOID").equals("IT.BL.age")
                && i.getAttribute("Value").equals("41.5")));
    }

    @Test
    void aValueOutsideItsCodeListIsCaughtByTheStructureCheck() throws Exception {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> { });
        String xml = write(protocol, List.of(person("B-1", "BALINT", Status.RANDOMISED, Map.of())),
                List.of(entered(0, "CDRISC", "baseline", 25, 9)));
        AssertionError caught = assertThrows(AssertionError.class,
                () -> new OdmStructure(xml).check());
        assertTrue(caught.getMessage().contains("9 is not in CL.IN.CDRISC"), caught.getMessage());
    }
}
