package org.trialkeeper.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisRulesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> analysis(Map<String, Object> tree) {
        return (Map<String, Object>) tree.get("analysis");
    }

    private static Map<String, Object> planned(Map<String, Object> tree) {
        Map<String, Object> sampleSize = new LinkedHashMap<>(Map.of("difference", 10, "sd", 15, "correlation", 0.5,
                "power", 0.8, "dropout", 0.1));
        analysis(tree).put("sensitivity", List.of("per-protocol"));
        analysis(tree).put("subgroups", List.of("sex"));
        analysis(tree).put("sampleSize", sampleSize);
        return sampleSize;
    }

    @Test
    void aPlanReadsWithTheAnalysisAlphaUnlessItStatesItsOwn() {
        Map<String, Object> tree = ProtocolReaderTest.seed();
        planned(tree);
        Analysis analysis = ProtocolReader.read(ProtocolReaderTest.dump(tree)).analysis();
        assertEquals(List.of(SensitivityAnalysis.PER_PROTOCOL), analysis.sensitivity());
        assertEquals(List.of("sex"), analysis.subgroups());
        assertEquals(new SampleSizePlan(10, 15, 0.5, 0.05, 0.8, 0.1), analysis.sampleSize());
        Analysis seed = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL)).analysis();
        assertEquals(List.of(SensitivityAnalysis.PER_PROTOCOL), seed.sensitivity(), "the seed trial's per-protocol rule");
        assertEquals(List.of("sex"), seed.subgroups());
        assertEquals(null, seed.sampleSize(), "the seed trial took 30 by a rule of thumb");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("brokenPlans")
    void everyBrokenRuleOfThePlanIsNamedWithItsPath(String rule, String field, String source) {
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class, () -> ProtocolReader.read(source));
        assertTrue(rejected.violations().stream().anyMatch(v -> v.field().equals(field) && v.rule().equals(rule)),
                () -> "expected " + field + " / " + rule + " in " + rejected.violations());
    }

    static List<Object[]> brokenPlans() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(broken("one-of", "analysis.sensitivity[0]", tree -> analysis(tree).put("sensitivity", List.of("as-treated"))));
        cases.add(broken("duplicate-id", "analysis.sensitivity[1]",
                tree -> analysis(tree).put("sensitivity", List.of("per-protocol", "per-protocol"))));
        cases.add(broken("same-as-primary", "analysis.sensitivity", tree -> analysis(tree).put("population", "per-protocol")));
        cases.add(broken("unknown-characteristic", "analysis.subgroups[0]", tree -> analysis(tree).put("subgroups", List.of("height"))));
        cases.add(broken("not-categorical", "analysis.subgroups[0]", tree -> analysis(tree).put("subgroups", List.of("age"))));
        cases.add(broken("duplicate-id", "analysis.subgroups[1]", tree -> analysis(tree).put("subgroups", List.of("sex", "sex"))));
        cases.add(broken("type", "analysis.subgroups", tree -> analysis(tree).put("subgroups", "sex")));
        cases.add(broken("required", "analysis.sampleSize.difference", tree -> planned(tree).remove("difference")));
        cases.add(broken("required", "analysis.sampleSize.sd", tree -> planned(tree).remove("sd")));
        cases.add(broken("type", "analysis.sampleSize.sd", tree -> planned(tree).put("sd", "fifteen")));
        cases.add(broken("min", "analysis.sampleSize.difference", tree -> planned(tree).put("difference", -2)));
        cases.add(broken("min", "analysis.sampleSize.sd", tree -> planned(tree).put("sd", 0)));
        cases.add(broken("range", "analysis.sampleSize.correlation", tree -> planned(tree).put("correlation", 1)));
        cases.add(broken("range", "analysis.sampleSize.alpha", tree -> planned(tree).put("alpha", 0.7)));
        cases.add(broken("range", "analysis.sampleSize.power", tree -> planned(tree).put("power", 0.3)));
        cases.add(broken("range", "analysis.sampleSize.dropout", tree -> planned(tree).put("dropout", 1)));
        cases.add(broken("unknown-key", "analysis.sampleSize.effectSize", tree -> planned(tree).put("effectSize", 0.5)));
        cases.add(broken("two-arms", "analysis.sampleSize", tree -> {
            planned(tree);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> arms = new ArrayList<>((List<Map<String, Object>>) tree.get("arms"));
            arms.add(Map.of("code", "TALK", "label", "Talking group", "role", "intervention"));
            tree.put("arms", arms);
        }));
        return cases;
    }

    private static Object[] broken(String rule, String field, Consumer<Map<String, Object>> change) {
        Map<String, Object> tree = ProtocolReaderTest.seed();
        change.accept(tree);
        return new Object[] {rule, field, ProtocolReaderTest.dump(tree)};
    }
}
