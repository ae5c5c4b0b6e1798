package org.trialkeeper.web;

import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditFilter;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Violation;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditQueryTest {

    @Test
    void daysAreWholeUtcDaysWithTheLastIncluded() {
        AuditFilter filter = new AuditQuery(" 4 ", "nurse-1", "protocol.", "2026-03-01", "2026-03-02").filter();
        assertEquals(new AuditFilter(4L, "nurse-1", "protocol.", Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z")), filter);
    }

    @Test
    void anEmptyQueryAsksForAnyRecord() {
        assertEquals(true, new AuditQuery(null, "", " ", null, null).filter().any());
    }

    @Test
    void eachUnreadablePartIsNamedByItsField() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> new AuditQuery("four", null, null, "1 March", null).filter());
        assertEquals(List.of("trial", "from"), refused.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aLastDayBeforeTheFirstIsRefusedBesideTheLastDay() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> new AuditQuery(null, null, null, "2026-03-02", "2026-03-01").filter());
        assertEquals("to", AuditQuery.formField(refused.violations().get(0).field()));
    }

    @Test
    void anActionWithWildcardsIsRefused() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> new AuditQuery(null, null, "trial%", null, null).filter());
        assertEquals("action", refused.violations().get(0).field());
    }

    @Test
    void aPageLinkCarriesTheFilterAsTypedAndLeavesOutEmptyParts() {
        AuditQuery query = new AuditQuery("4", "nurse 1", "", "2026-03-01", "");
        assertEquals("/app/admin/audit?trial=4&user=nurse+1&from=2026-03-01&before=120", query.link(120L));
        assertEquals("/app/admin/audit?trial=4&user=nurse+1&from=2026-03-01", query.link(null));
        assertEquals("/app/admin/audit", new AuditQuery(null, null, null, null, null).link(null));
    }
}
