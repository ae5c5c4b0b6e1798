package org.trialkeeper.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarmsRulesTest {

    private static List<String> rules(Object harms) {
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolFiles.seedVariant(tree -> tree.put("harms", harms)));
        return rejected.violations().stream().map(v -> v.field() + " " + v.rule()).toList();
    }

    @Test
    void theInvestigatorIsNotifiedUnlessTheProtocolNamesOtherRoles() {
        Protocol seed = ProtocolFiles.seedVariant(tree -> { });
        assertEquals(List.of("INVESTIGATOR"), seed.harms().notifiedRoles());
        Protocol named = ProtocolFiles.seedVariant(tree -> tree.put("harms", Map.of("notify", List.of("COORDINATOR", "STATISTICIAN"))));
        assertTrue(named.harms().notifies("STATISTICIAN"));
        assertFalse(named.harms().notifies("INVESTIGATOR"));
    }

    @Test
    void theAssessorIsNeverNotifiedAndEveryOtherBrokenRuleIsNamed() {
        assertEquals(List.of("harms.notify[0] one-of", "harms.notify[2] duplicate-id"),
                rules(Map.of("notify", List.of("ASSESSOR", "INVESTIGATOR", "INVESTIGATOR"))));
        assertEquals(List.of("harms.notify min-items"), rules(Map.of("notify", List.of())));
        assertEquals(List.of("harms.notify required"), rules(Map.of()));
        assertTrue(rules(Map.of("notify", List.of("INVESTIGATOR"), "by", "email")).contains("harms.by unknown-key"));
    }
}
