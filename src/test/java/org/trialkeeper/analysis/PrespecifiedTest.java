package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RFigures;
import org.trialkeeper.support.ReferenceData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RFigures.agrees;

/**
 * Table 2's estimates, the per-protocol and the subgroup analyses of the reference data against
 * R's lm and car::Anova(type = 3), computed by R at test time. The reference data have no sex:
 * odd-numbered participants are female, as in the R script.
 */
class PrespecifiedTest {

    private static final Set<String> DROPOUTS = Set.of("P004", "P017", "P022");
    private static final Set<String> NOT_PER_PROTOCOL = Set.of("P001", "P010");
    private static final List<String> INSTRUMENTS = List.of("WALTON-QWL-35", "CD-RISC-25", "CSS-30");
    private static final Map<String, String> LABELS = Map.of("intervention", "Balint groups", "waitlist", "Waitlist");
    private static final Prespecified.Plan PLAN = new Prespecified.Plan(
            new SampleSize.Plan(10, 15, 0.5, 0.05, 0.8, 0.1, 1, 1, 30), true, List.of("sex"));

    private static TrialData reference() {
        Map<String, Map<ScoreKey, Double>> scores = new LinkedHashMap<>();
        ReferenceData.itemsCsv().lines().skip(1).map(l -> l.replace("\"", "").split(",")).forEach(c -> scores
                .computeIfAbsent(c[0], k -> new HashMap<>()).merge(ScoreKey.total(c[2], c[3]), Double.parseDouble(c[5]), Double::sum));
        List<TrialData.Person> people = new ArrayList<>();
        ReferenceData.arms().forEach((code, arm) -> {
            boolean dropout = DROPOUTS.contains(code);
            String sex = Integer.parseInt(code.substring(1)) % 2 == 1 ? "female" : "male";
            people.add(new TrialData.Person(code, "RAZI", List.of(), arm,
                    dropout ? Status.EXCLUDED_FROM_ANALYSIS : Status.RANDOMISED,
                    dropout ? List.of(new TrialData.Event(EventKind.EXCLUDED_FROM_ANALYSIS, "dropped out")) : List.of(),
                    true, Map.of("sex", sex), scores.get(code), null, null, NOT_PER_PROTOCOL.contains(code)));
        });
        List<TrialData.OutcomeInfo> outcomes = new ArrayList<>();
        for (String instrument : INSTRUMENTS) {
            outcomes.add(new TrialData.OutcomeInfo(instrument, null, instrument, "post", outcomes.isEmpty()));
        }
        return new TrialData("reference", "IRCT0", List.of(new TrialData.ArmInfo("intervention", "Balint groups", true),
                new TrialData.ArmInfo("waitlist", "Waitlist", false)),
                List.of(new TrialData.Characteristic("sex", "Sex", false, List.of("female", "male"))), outcomes,
                "baseline", List.of("baseline", "post"), 8, people, 0);
    }

    private static ConsortReport report() {
        return ConsortReport.compute(reference(), PLAN, LABELS, true, true);
    }

    private static Map<String, Double> r() {
        return RFigures.run("/reference/prespecified.R", "/reference/ancova-items.csv", String.join(",", DROPOUTS),
                String.join(",", NOT_PER_PROTOCOL));
    }

    @Test
    void tableTwoCarriesAdjustedMeansWithCisAndHedgesGAsRComputesThem() {
        Map<String, Double> r = r();
        for (OutcomeTable.Row row : report().outcomes()) {
            ancovaAgrees(r, row.outcome() + ".all.", row.ancova());
        }
    }

    @Test
    void thePerProtocolAnalysisLeavesOutThoseThePerProtocolRuleExcludesAndAgreesWithR() {
        Map<String, Double> r = r();
        List<OutcomeTable.Row> rows = report().prespecified().perProtocol();
        assertEquals(3, rows.size());
        for (OutcomeTable.Row row : rows) {
            ancovaAgrees(r, row.outcome() + ".pp.", row.ancova());
            assertEquals(25, row.ancova().n(), "27 complete cases less the two the per-protocol rule excludes");
        }
    }

    @Test
    void theSubgroupAnalysisTestsTheArmBySexInteractionAndEstimatesEachSexAsRDoes() {
        Map<String, Double> r = r();
        List<Subgroups.Row> rows = report().prespecified().subgroups();
        assertEquals(3, rows.size());
        for (Subgroups.Row row : rows) {
            String key = row.outcome() + ".sex";
            assertEquals("sex", row.subgroup());
            agrees(r, key + ".f", row.interaction().f());
            agrees(r, key + ".df1", row.interaction().df1());
            agrees(r, key + ".df2", row.interaction().df2());
            agrees(r, key + ".p", row.interaction().p());
            for (Subgroups.Level level : row.levels()) {
                String k = key + "." + level.level();
                agrees(r, k + ".n.int", level.intervention());
                agrees(r, k + ".n.wait", level.control());
                estimateAgrees(r, k, level.difference());
                agrees(r, k + ".p", level.p());
            }
        }
    }

    @Test
    void aBlindedReportHasTheSampleSizeButNoAnalysisByArm() {
        Prespecified blinded = ConsortReport.compute(reference(), PLAN, Map.of(), false, false).prespecified();
        assertNotNull(blinded.sampleSize());
        assertNull(blinded.perProtocol());
        assertNull(blinded.subgroups());
        assertTrue(blinded.note().contains("LOCKED"), blinded.note());
        assertNull(ConsortReport.compute(reference(), LABELS, true, false).prespecified(), "nothing planned, nothing shown");
    }

    @Test
    void aLevelWithOneArmOnlyIsCountedAndLeftOutOfTheModel() {
        TrialData data = reference();
        TrialData oneSex = new TrialData(data.title(), data.registryId(), data.arms(),
                List.of(new TrialData.Characteristic("sex", "Sex", false, List.of("female", "male", "other"))),
                data.outcomes(), data.baselineTimepoint(), data.timepoints(), data.sessions(), data.people(), 0);
        Subgroups.Row row = Subgroups.of(oneSex, List.of("sex")).get(0);
        assertEquals(3, row.levels().size());
        assertNull(row.levels().get(2).difference(), "no one is 'other'");
        assertNotNull(row.interaction());
    }

    private static void ancovaAgrees(Map<String, Double> r, String prefix, OutcomeTable.AncovaResult a) {
        agrees(r, prefix + "n", a.n());
        agrees(r, prefix + "f", a.f());
        agrees(r, prefix + "df2", a.df2());
        agrees(r, prefix + "p", a.p());
        agrees(r, prefix + "eta2", a.partialEtaSquared());
        estimateAgrees(r, prefix + "diff", a.difference());
        estimateAgrees(r, prefix + "int", a.interventionMean());
        estimateAgrees(r, prefix + "wait", a.controlMean());
        estimateAgrees(r, prefix + "g", a.standardised().estimate());
        assertEquals(StandardisedEffect.DEFINITION, a.standardised().definition());
    }

    private static void estimateAgrees(Map<String, Double> r, String key, Estimate estimate) {
        agrees(r, key, estimate.value());
        agrees(r, key + ".se", estimate.standardError());
        agrees(r, key + ".lower", estimate.lower());
        agrees(r, key + ".upper", estimate.upper());
    }
}
