package org.trialkeeper.assessment;

import org.junit.jupiter.api.Test;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.ReferenceData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessmentImportTest {

    private static final Protocol PROTOCOL = ProtocolFiles.seedVariant(ReferenceData::instruments);

    private static Map<String, ParticipantStatus> randomised() {
        Map<String, ParticipantStatus> statuses = new HashMap<>();
        ReferenceData.arms().keySet().forEach(code -> statuses.put(code, ParticipantStatus.RANDOMISED));
        return statuses;
    }

    @Test
    void theReferenceFileReadsAsOneAssessmentPerParticipantInstrumentAndTimepoint() {
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result result = AssessmentImport.read(ReferenceData.itemsCsv(), PROTOCOL, randomised(), violations);
        assertEquals(List.of(), violations);
        assertEquals(5400, result.rows());
        long rowsInFile = ReferenceData.itemsCsv().lines().count() - 1;
        assertEquals(rowsInFile, result.rows());
        // every participant has all three instruments at baseline; dropouts may lack the post-test
        assertTrue(result.groups().size() <= 30 * 3 * 2 && result.groups().size() >= 30 * 3, "" + result.groups().size());
        AssessmentImport.Group first = result.groups().get(0);
        assertEquals("P001", first.participant());
        assertEquals("baseline", first.timepoint());
        assertEquals("CD-RISC-25", first.instrument().id());
        assertEquals(2, first.answers().get(0));
        assertEquals(25, first.answers().size());
        assertTrue(first.answers().stream().allMatch(a -> a != null && a >= 0 && a <= 4));
    }

    @Test
    void everyBadRowIsNamedAndNothingIsRead() {
        Map<String, ParticipantStatus> statuses = randomised();
        statuses.put("P002", ParticipantStatus.WITHDRAWN);
        statuses.put("N-9", ParticipantStatus.ENROLLED);
        String csv = """
                participant,arm,timepoint,instrument,item,value
                P001,intervention,baseline,CD-RISC-25,1,2
                P001,intervention,baseline,CD-RISC-25,2,5
                P001,intervention,baseline,CD-RISC-25,26,1
                P001,intervention,baseline,CD-RISC-25,1,3
                NOBODY,waitlist,baseline,CD-RISC-25,1,1
                P002,waitlist,baseline,CD-RISC-25,1,1
                N-9,,baseline,CD-RISC-25,1,1
                P003,waitlist,week-4,CD-RISC-25,1,1
                P003,waitlist,baseline,PHQ-9,1,1
                P003,waitlist,baseline,CSS-30,x,1
                P003,waitlist,baseline,CSS-30,1,2.5
                P003,waitlist,baseline,CSS-30,2
                P003,waitlist,baseline,CSS-30,3,
                """;
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result result = AssessmentImport.read(csv, PROTOCOL, statuses, violations);
        assertEquals(List.of(), result.groups());
        List<String> found = violations.stream().map(v -> v.field() + " " + v.rule()).toList();
        assertEquals(List.of(
                "rows[3].value range",
                "rows[4].item range",
                "rows[5].item duplicate",
                "rows[6].participant unknown",
                "rows[7].participant withdrawn",
                "rows[8].participant not-randomised",
                "rows[9].timepoint one-of",
                "rows[10].instrument one-of",
                "rows[11].item type",
                "rows[12].value type",
                "rows[13] columns"), found);
    }

    @Test
    void aHeaderWithoutTheColumnsOrWithStrangeOnesIsRefusedBeforeAnyRow() {
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.read("participant,timepoint,instrument,item,score,secret\nP001,baseline,CSS-30,1,2,x\n",
                PROTOCOL, randomised(), violations);
        assertEquals(List.of("header required", "header unknown-column", "header unknown-column"),
                violations.stream().map(v -> v.field() + " " + v.rule()).toList());
        violations.clear();
        AssessmentImport.read("participant,timepoint,instrument,item,value\n", PROTOCOL, randomised(), violations);
        assertEquals("file empty", violations.get(0).field() + " " + violations.get(0).rule());
        violations.clear();
        AssessmentImport.read("participant,timepoint,instrument,item,value\n\"P001,baseline\n", PROTOCOL, randomised(), violations);
        assertEquals("rows[2] csv", violations.get(0).field() + " " + violations.get(0).rule());
    }

    @Test
    void aFileThatIsNotCsvNamesItsFirstBrokenRowAndNeverTheParsersMessage() {
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.read("participant,timepoint,instrument,item,value\nP001,baseline,CSS-30,1,2\n"
                + "P001,\"baseline\"x,CSS-30,2,3\n", PROTOCOL, randomised(), violations);
        assertEquals(List.of("rows[3] csv"), violations.stream().map(v -> v.field() + " " + v.rule()).toList());
        violations.clear();
        AssessmentImport.read("participant,\"timepoint\"x,instrument,item,value\n", PROTOCOL, randomised(), violations);
        assertEquals(List.of("header csv"), violations.stream().map(v -> v.field() + " " + v.rule()).toList());
        assertTrue(violations.stream().noneMatch(v -> v.message().contains("Exception") || v.message().contains("org.")),
                violations.toString());
    }

    @Test
    void anEmptyValueIsAnUnansweredItem() {
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result result = AssessmentImport.read(
                "participant,timepoint,instrument,item,value\nP001,post,CSS-30,1,4\nP001,post,CSS-30,2,\n",
                PROTOCOL, randomised(), violations);
        assertEquals(List.of(), violations);
        assertEquals(4, result.groups().get(0).answers().get(0));
        assertNull(result.groups().get(0).answers().get(1));
        assertNull(result.groups().get(0).answers().get(29));
    }

    @Test
    void aGuessMayBeGivenOnAnyRowOfAnAssessmentAndMustAgreeWhereverItIsGiven() {
        List<Violation> violations = new ArrayList<>();
        AssessmentImport.Result result = AssessmentImport.read("""
                participant,timepoint,instrument,item,value,guess
                P001,post,CSS-30,1,4,
                P001,post,CSS-30,2,3,dont-know
                P001,post,CSS-30,3,3,dont-know
                P002,post,CSS-30,1,1,
                """, PROTOCOL, randomised(), violations);
        assertEquals(List.of(), violations);
        assertEquals("dont-know", result.groups().get(0).guess());
        assertNull(result.groups().get(1).guess());

        AssessmentImport.read("""
                participant,timepoint,instrument,item,value,guess
                P001,post,CSS-30,1,4,intervention
                P001,post,CSS-30,2,3,control
                P002,post,CSS-30,1,1,waitlist
                """, PROTOCOL, randomised(), violations);
        assertEquals(List.of("rows[3].guess conflict", "rows[4].guess one-of"),
                violations.stream().map(v -> v.field() + " " + v.rule()).toList());
    }
}
