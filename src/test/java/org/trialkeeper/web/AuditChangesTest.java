package org.trialkeeper.web;

import org.junit.jupiter.api.Test;
import org.trialkeeper.web.AuditChanges.Change;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditChangesTest {

    @Test
    void aStatusChangeReadsAsItsOneFieldBeforeAndAfter() {
        assertEquals(List.of(new Change("status", "DRAFT", "RECRUITING")),
                AuditChanges.between("trial", Map.of("status", "DRAFT"), Map.of("status", "RECRUITING")));
    }

    @Test
    void fieldsThatKeptTheirValueAreLeftOutAndNewOnesHaveNoBefore() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("protocolVersion", 1);
        before.put("sha256", "aa");
        before.put("status", "RECRUITING");
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("protocolVersion", 2);
        after.put("sha256", "bb");
        after.put("reasonGiven", true);
        assertEquals(List.of(new Change("protocolVersion", "1", "2"), new Change("sha256", "aa", "bb"),
                new Change("reasonGiven", null, "true")), AuditChanges.between("trial", before, after));
    }

    @Test
    void aRecordWithOnlyAnAfterValueListsEveryFieldAsNew() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("username", "nurse-1");
        after.put("admin", false);
        assertEquals(List.of(new Change("username", null, "nurse-1"), new Change("admin", null, "false")),
                AuditChanges.between("trial", null, after));
    }

    @Test
    void nestedFieldsAreJoinedByDotsAndListsOfPlainValuesStayOneValue() {
        Map<String, Object> after = Map.of("baseline", Map.of("age", 34), "roles", List.of("COORDINATOR", "INVESTIGATOR"),
                "sessions", List.of(Map.of("present", true)));
        List<Change> changes = AuditChanges.between("trial", null, after);
        assertEquals(3, changes.size(), changes.toString());
        assertEquals(true, changes.contains(new Change("baseline.age", null, "34")), changes.toString());
        assertEquals(true, changes.contains(new Change("roles", null, "[COORDINATOR, INVESTIGATOR]")), changes.toString());
        assertEquals(true, changes.contains(new Change("sessions[0].present", null, "true")), changes.toString());
    }

    @Test
    void aValueThatIsNotAStructureIsOneFieldNamedAfterWhatTheRecordIsAbout() {
        assertEquals(List.of(new Change("trial", "[redacted: reveals an allocation]", "3")),
                AuditChanges.between("trial", "[redacted: reveals an allocation]", 3));
    }

    @Test
    void aListOfPlainValuesIsOneValue() {
        assertEquals(List.of(new Change("trial", "[]", "[COORDINATOR]")),
                AuditChanges.between("trial", List.of(), List.of("COORDINATOR")));
    }

    @Test
    void aRecordWhoseValuesAllStayedTheSameStillShowsThem() {
        assertEquals(List.of(new Change("status", "DRAFT", "DRAFT")),
                AuditChanges.between("trial", Map.of("status", "DRAFT"), Map.of("status", "DRAFT")));
    }
}
