package org.trialkeeper.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialkeeper.problem.Violation;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolReaderTest {

    @ParameterizedTest
    @MethodSource("org.trialkeeper.protocol.ProtocolFiles#all")
    void everyShippedProtocolIsValid(Path file) {
        Protocol protocol = ProtocolReader.read(ProtocolFiles.read(file));
        assertEquals(file.getFileName().toString(), protocol.shortName() + ".yaml");
    }

    @Test
    void seedTrialIsEncodedAsPublished() {
        Protocol protocol = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));
        assertEquals("IRCT20230211057383N1", protocol.primaryRegistryId().orElseThrow());
        assertEquals("IR.USWR.REC.1401.054", protocol.ethics().code());
        assertEquals(30, protocol.targetSampleSize());
        assertEquals(Scheme.SIMPLE, protocol.randomisation().scheme());
        assertEquals(List.of(1, 1), protocol.arms().stream().map(Arm::ratio).toList());
        assertTrue(protocol.arms().get(1).waitlist());
        assertEquals(List.of("QWL", "CDRISC", "CSS"), protocol.instruments().stream().map(Instrument::id).toList());
        assertEquals(List.of(35, 25, 30), protocol.instruments().stream().map(Instrument::items).toList());
        for (Instrument instrument : protocol.instruments()) {
            int covered = instrument.subscales().stream().mapToInt(s -> s.items().size()).sum();
            assertEquals(instrument.items(), covered, instrument.id() + " subscales cover every item once");
        }
        assertEquals(8, protocol.intervention().sessions());
        assertEquals(2, protocol.intervention().absencesExcludingPerProtocol());
        assertEquals(List.of(TimepointKind.BASELINE, TimepointKind.POST),
                protocol.timepoints().stream().map(Timepoint::kind).toList());
        assertEquals(List.of(false, true), protocol.timepoints().stream().map(Timepoint::askGuess).toList(),
                "the arm guess is asked at the post-test, not at baseline, unless the protocol says otherwise");
    }

    @Test
    void aTimepointMayAskTheArmGuessOrNot() {
        Protocol asked = ProtocolReader.read(ProtocolFiles.seedVariantYaml("guess-at-baseline", tree -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> timepoints = new ArrayList<>((List<Map<String, Object>>) tree.get("timepoints"));
            Map<String, Object> baseline = new LinkedHashMap<>(timepoints.get(0));
            baseline.put("askGuess", true);
            Map<String, Object> post = new LinkedHashMap<>(timepoints.get(1));
            post.put("askGuess", false);
            tree.put("timepoints", List.of(baseline, post));
        }));
        assertEquals(List.of(true, false), asked.timepoints().stream().map(Timepoint::askGuess).toList());
    }

    @Test
    void jsonIsReadLikeYaml() {
        String json = """
                {"shortName": "json-trial", "title": "T", "arms": [
                  {"code": "A", "label": "A", "role": "intervention"},
                  {"code": "B", "label": "B", "role": "control"}],
                 "targetSampleSize": 10, "sites": [{"code": "S", "name": "Site"}],
                 "randomisation": {"scheme": "permuted-blocks", "blockSizes": [2, 4]},
                 "eligibility": {"inclusion": [{"id": "I1", "text": "adult"}]},
                 "instruments": [{"id": "X", "name": "X", "items": 3, "itemMin": 0, "itemMax": 3}],
                 "timepoints": [{"id": "t0", "kind": "baseline", "week": 0, "instruments": ["X"]},
                                {"id": "t1", "kind": "post", "week": 6, "instruments": ["X"]}],
                 "intervention": {"name": "I", "sessions": 6, "sessionMinutes": 50, "delivery": "online",
                                  "absencesExcludingPerProtocol": 2},
                 "outcomes": {"primary": [{"instrument": "X", "timepoint": "t1"}]},
                 "analysis": {"alpha": 0.05}}
                """;
        Protocol protocol = ProtocolReader.read(json);
        assertEquals(List.of(2, 4), protocol.randomisation().blockSizes());
        assertEquals(TotalRule.SUM, protocol.instruments().get(0).total());
    }

    @Test
    void yesAndNoStayText() {
        Map<String, Object> tree = seed();
        list(tree, "baseline").add(map("id", "smoker", "label", "Smoker", "type", "category",
                "levels", List.of("yes", "no")));
        Protocol protocol = ProtocolReader.read(dump(tree));
        assertEquals(List.of("yes", "no"), protocol.characteristic("smoker").orElseThrow().levels());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenProtocols")
    void everyBrokenRuleIsNamedWithItsPath(String rule, String field, String source) {
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(source));
        assertTrue(rejected.violations().contains(violation(rejected, field, rule)),
                () -> "expected " + field + " / " + rule + " in " + rejected.violations());
    }

    static List<Object[]> brokenProtocols() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(broken("unknown-key", "colour", tree -> tree.put("colour", "blue")));
        cases.add(broken("unknown-key", "arms[0].colour", tree -> arm(tree, 0).put("colour", "blue")));
        cases.add(broken("required", "title", tree -> tree.remove("title")));
        cases.add(broken("required", "randomisation.scheme", tree -> object(tree, "randomisation").remove("scheme")));
        cases.add(broken("type", "targetSampleSize", tree -> tree.put("targetSampleSize", "thirty")));
        cases.add(broken("type", "arms", tree -> tree.put("arms", "BALINT")));
        cases.add(broken("type", "intervention.sessions", tree -> object(tree, "intervention").put("sessions", 8.5)));
        cases.add(broken("one-of", "randomisation.scheme", tree -> object(tree, "randomisation").put("scheme", "coin")));
        cases.add(broken("one-of", "arms[1].role", tree -> arm(tree, 1).put("role", "placebo")));
        cases.add(broken("type", "timepoints[0].askGuess", tree -> timepoint(tree, 0).put("askGuess", "yes")));
        cases.add(broken("min", "arms[1].ratio", tree -> arm(tree, 1).put("ratio", 0)));
        cases.add(broken("duplicate-id", "arms[1]", tree -> arm(tree, 1).put("code", "BALINT")));
        cases.add(broken("arm-roles", "arms", tree -> arm(tree, 1).put("role", "intervention")));
        cases.add(broken("min-items", "arms", tree -> list(tree, "arms").remove(1)));
        cases.add(broken("waitlist-control-only", "arms[0].waitlist", tree -> arm(tree, 0).put("waitlist", true)));
        cases.add(broken("pattern", "shortName", tree -> tree.put("shortName", "Balint Nurses")));
        cases.add(broken("max", "targetSampleSize", tree -> tree.put("targetSampleSize", Integer.MAX_VALUE)));
        cases.add(broken("max", "randomisation.blockSizes[0]", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "permuted-blocks", "blockSizes", List.of(102)))));
        cases.add(broken("max-strata", "randomisation.stratifyBy", tree -> stratifiedOverSites(tree, 501)));
        cases.add(broken("max-list-slots", "targetSampleSize", tree -> {
            stratifiedOverSites(tree, 100);
            tree.put("targetSampleSize", 10_000);
        }));
        cases.add(broken("block-size-multiple", "randomisation.blockSizes[1]", tree -> {
            arm(tree, 0).put("ratio", 2);
            object(tree, "randomisation").putAll(map("scheme", "permuted-blocks", "blockSizes", List.of(3, 4)));
        }));
        cases.add(broken("required", "randomisation.blockSizes",
                tree -> object(tree, "randomisation").put("scheme", "permuted-blocks")));
        cases.add(broken("not-applicable", "randomisation.blockSizes",
                tree -> object(tree, "randomisation").put("blockSizes", List.of(2))));
        cases.add(broken("required", "randomisation.stratifyBy", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "stratified-blocks", "blockSizes", List.of(2, 4)))));
        cases.add(broken("not-categorical", "randomisation.stratifyBy[1]", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "stratified-blocks", "blockSizes", List.of(2, 4), "stratifyBy", List.of("site", "age")))));
        cases.add(broken("unknown-factor", "randomisation.stratifyBy[0]", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "stratified-blocks", "blockSizes", List.of(2), "stratifyBy", List.of("ward")))));
        cases.add(broken("range", "randomisation.minimisingArmProbability", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "minimisation", "factors", List.of(map("factor", "sex")),
                        "minimisingArmProbability", 0.3))));
        cases.add(broken("required", "randomisation.factors", tree -> object(tree, "randomisation")
                .putAll(map("scheme", "minimisation", "minimisingArmProbability", 0.8))));
        cases.add(broken("item-range", "instruments[0].itemMax", tree -> instrument(tree, 0).put("itemMax", 1)));
        cases.add(broken("item-out-of-range", "instruments[0].subscales[0].items[0]",
                tree -> subscale(tree, 0, 0).put("items", List.of(36, 1))));
        cases.add(broken("item-out-of-range", "instruments[1].reversed[0]",
                tree -> instrument(tree, 1).put("reversed", List.of(0))));
        cases.add(broken("duplicate-id", "instruments[2]", tree -> instrument(tree, 2).put("id", "QWL")));
        cases.add(broken("duplicate-id", "instruments[0].subscales[0].items[1]",
                tree -> subscale(tree, 0, 0).put("items", List.of(1, 1))));
        cases.add(broken("range", "instruments[0].maxProratedItems", tree -> instrument(tree, 0).put("maxProratedItems", 35)));
        cases.add(broken("unknown-instrument", "outcomes.primary[0].instrument",
                tree -> outcome(tree, 0).put("instrument", "PHQ9")));
        cases.add(broken("unknown-subscale", "outcomes.primary[0].subscale",
                tree -> outcome(tree, 0).put("subscale", "sleep")));
        cases.add(broken("unknown-timepoint", "outcomes.primary[0].timepoint",
                tree -> outcome(tree, 0).put("timepoint", "week-52")));
        cases.add(broken("outcome-at-baseline", "outcomes.primary[0].timepoint",
                tree -> outcome(tree, 0).put("timepoint", "baseline")));
        cases.add(broken("not-measured", "outcomes.primary[0].instrument",
                tree -> timepoint(tree, 1).put("instruments", List.of("CDRISC", "CSS"))));
        cases.add(broken("duplicate-outcome", "outcomes.secondary[0]",
                tree -> outcome(tree, 0).put("instrument", "CDRISC")));
        cases.add(broken("unknown-instrument", "timepoints[0].instruments[1]",
                tree -> timepoint(tree, 0).put("instruments", List.of("QWL", "GHQ", "CDRISC", "CSS"))));
        cases.add(broken("one-baseline", "timepoints", tree -> timepoint(tree, 0).put("kind", "post")));
        cases.add(broken("week-order", "timepoints[1].week", tree -> timepoint(tree, 1).put("week", 0)));
        cases.add(broken("duplicate-id", "eligibility.exclusion[0].id",
                tree -> ((Map<String, Object>) list(object(tree, "eligibility"), "exclusion").get(0)).put("id", "I1")));
        cases.add(broken("min-items", "baseline[1].levels",
                tree -> ((Map<String, Object>) list(tree, "baseline").get(1)).put("levels", List.of("female"))));
        cases.add(broken("unknown-level", "baseline[1].levelLabels.other", tree -> ((Map<String, Object>) list(tree, "baseline")
                .get(1)).put("levelLabels", Map.of("other", "Other"))));
        cases.add(broken("not-applicable", "baseline[0].levelLabels", tree -> ((Map<String, Object>) list(tree, "baseline")
                .get(0)).put("levelLabels", Map.of("young", "Young"))));
        cases.add(broken("type", "baseline[1].levelLabels", tree -> ((Map<String, Object>) list(tree, "baseline")
                .get(1)).put("levelLabels", List.of("Female", "Male"))));
        cases.add(broken("required", "baseline[1].levelLabels.female", tree -> ((Map<String, Object>) list(tree, "baseline")
                .get(1)).put("levelLabels", Map.of("female", " "))));
        cases.add(broken("range", "intervention.absencesExcludingPerProtocol",
                tree -> object(tree, "intervention").put("absencesExcludingPerProtocol", 9)));
        cases.add(broken("range", "analysis.alpha", tree -> object(tree, "analysis").put("alpha", 1.5)));
        cases.add(new Object[] {"duplicate-key", "$", "shortName: a\nshortName: b\n"});
        cases.add(new Object[] {"syntax", "$", "shortName: [unclosed\n"});
        cases.add(new Object[] {"type", "$", "- just\n- a list\n"});
        cases.add(new Object[] {"required", "$", "   \n"});
        return cases;
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'k'; name++) {
            bomb.append(name).append(": &").append(name).append(" [");
            bomb.append(("*" + previous + ", ").repeat(9)).append("*").append(previous).append("]\n");
            previous = name;
        }
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(bomb.toString()));
        assertEquals("$", rejected.violations().get(0).field());
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Map<String, Object> tree = seed();
        tree.remove("title");
        arm(tree, 1).put("ratio", "two");
        tree.put("extra", 1);
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(dump(tree)));
        assertEquals(List.of("title", "arms[1].ratio", "extra"),
                rejected.violations().stream().map(Violation::field).toList());
    }

    @Test
    void missingPartsDoNotHideTheRulesBrokenInThePartsPresent() {
        Map<String, Object> tree = seed();
        tree.remove("title");
        tree.remove("sites");
        tree.put("shortName", "Balint Nurses");
        arm(tree, 1).put("ratio", 0);
        object(tree, "analysis").put("alpha", 0.9);
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(dump(tree)));
        assertEquals(List.of("title required", "sites required", "shortName pattern", "arms[1].ratio min",
                        "analysis.alpha range"),
                rejected.violations().stream().map(v -> v.field() + " " + v.rule()).toList());
    }

    @Test
    void rulesThatReadAnUnreadablePartAreLeftOutUntilItReads() {
        Map<String, Object> tree = seed();
        instrument(tree, 0).put("items", "many");
        tree.put("shortName", "Balint Nurses");
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(dump(tree)));
        assertEquals(List.of("instruments[0].items type", "shortName pattern"),
                rejected.violations().stream().map(v -> v.field() + " " + v.rule()).toList(),
                "no outcome or timepoint is said to name an unknown instrument");
    }

    @Test
    void anUnknownKeyLeavesTheRulesOfItsPartChecked() {
        Map<String, Object> tree = seed();
        arm(tree, 0).put("colour", "blue");
        arm(tree, 1).put("ratio", 0);
        InvalidProtocolException rejected = assertThrows(InvalidProtocolException.class,
                () -> ProtocolReader.read(dump(tree)));
        assertEquals(List.of("arms[0].colour unknown-key", "arms[1].ratio min"),
                rejected.violations().stream().map(v -> v.field() + " " + v.rule()).toList());
    }

    private static Violation violation(InvalidProtocolException rejected, String field, String rule) {
        return rejected.violations().stream()
                .filter(v -> v.field().equals(field) && v.rule().equals(rule))
                .findFirst().orElse(new Violation(field, rule, "(missing)"));
    }

    private static Object[] broken(String rule, String field, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> tree = seed();
        change.accept(tree);
        return new Object[] {rule, field, dump(tree)};
    }

    static Map<String, Object> seed() {
        return new Yaml().load(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));
    }

    static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(tree);
    }

    @SuppressWarnings("unchecked")
    /** Stratified permuted blocks over so many sites and the two sexes: twice as many strata as sites. */
    private static void stratifiedOverSites(Map<String, Object> tree, int sites) {
        List<Object> all = new ArrayList<>();
        for (int i = 1; i <= sites; i++) {
            all.add(map("code", "S" + i, "name", "Site " + i));
        }
        tree.put("sites", all);
        object(tree, "randomisation").putAll(map("scheme", "stratified-blocks", "blockSizes", List.of(2, 4),
                "stratifyBy", List.of("site", "sex")));
    }

    static Map<String, Object> object(Map<String, Object> tree, String key) {
        return (Map<String, Object>) tree.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> tree, String key) {
        return (List<Object>) tree.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> arm(Map<String, Object> tree, int index) {
        return (Map<String, Object>) list(tree, "arms").get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instrument(Map<String, Object> tree, int index) {
        return (Map<String, Object>) list(tree, "instruments").get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subscale(Map<String, Object> tree, int instrument, int index) {
        return (Map<String, Object>) list(instrument(tree, instrument), "subscales").get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> timepoint(Map<String, Object> tree, int index) {
        return (Map<String, Object>) list(tree, "timepoints").get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(Map<String, Object> tree, int index) {
        return (Map<String, Object>) list(object(tree, "outcomes"), "primary").get(index);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
