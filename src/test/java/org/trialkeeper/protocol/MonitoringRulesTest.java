package org.trialkeeper.protocol;

import org.junit.jupiter.api.Test;
import org.trialkeeper.problem.Violation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringRulesTest {

    private static List<String> rules(Object monitoring) {
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolFiles.seedVariant(tree -> tree.put("monitoring", monitoring)));
        return rejected.violations().stream().map(v -> v.field() + " " + v.rule()).toList();
    }

    @Test
    void theAdministratorMonitorsWithAThresholdAboveTheSchemeUnlessTheProtocolSays() {
        Protocol seed = ProtocolFiles.seedVariant(tree -> { });
        assertEquals(List.of("ADMIN"), seed.monitoring().roles());
        assertNull(seed.monitoring().warnAbove());
        assertEquals(0.60, seed.monitoring().threshold(0.5), 1e-12);
        assertEquals(1.0, seed.monitoring().threshold(0.95), 1e-12);
        Protocol named = ProtocolFiles.seedVariant(tree -> tree.put("monitoring",
                Map.of("roles", List.of("STATISTICIAN", "COORDINATOR"), "warnAbove", 0.8)));
        assertTrue(named.monitoring().monitors("STATISTICIAN"));
        assertFalse(named.monitoring().monitors("ADMIN"));
        assertEquals(0.8, named.monitoring().threshold(0.5), 1e-12);
        Protocol thresholdOnly = ProtocolFiles.seedVariant(tree -> tree.put("monitoring", Map.of("warnAbove", 0.7)));
        assertEquals(List.of("ADMIN"), thresholdOnly.monitoring().roles());
    }

    @Test
    void anAssessorOrABlindedInvestigatorCannotMonitor() {
        assertEquals(List.of("monitoring.roles[1] assessor-blinded", "monitoring.roles[2] assessor-blinded"),
                rules(Map.of("roles", List.of("ADMIN", "ASSESSOR", "INVESTIGATOR"))));
    }

    @Test
    void rolesAreKnownAtLeastOneAndNoneTwice() {
        assertEquals(List.of("monitoring.roles[0] one-of", "monitoring.roles[2] duplicate-id"),
                rules(Map.of("roles", List.of("SPONSOR", "ADMIN", "ADMIN"))));
        assertEquals(List.of("monitoring.roles min-items"), rules(Map.of("roles", List.of())));
        assertTrue(rules(Map.of("roles", List.of("ADMIN"), "every", "week")).contains("monitoring.every unknown-key"));
    }

    @Test
    void theThresholdIsAShare() {
        assertEquals(List.of("monitoring.warnAbove range"), rules(Map.of("warnAbove", 1.2)));
        assertEquals(List.of("monitoring.warnAbove range"), rules(Map.of("warnAbove", 0)));
        assertEquals(List.of("monitoring.warnAbove type"), rules(Map.of("warnAbove", "high")));
    }

    @Test
    void monitoringIsFrozenOnceRecruitmentStarts() {
        Protocol before = ProtocolFiles.seedVariant(tree -> { });
        Protocol after = ProtocolFiles.seedVariant(tree -> tree.put("monitoring", Map.of("warnAbove", 0.9)));
        assertEquals(List.of("monitoring"), FrozenParts.changedBy(before, after).stream().map(Violation::field).toList());
    }
}
