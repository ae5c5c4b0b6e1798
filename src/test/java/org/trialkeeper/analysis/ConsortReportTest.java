package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;
import org.trialkeeper.support.ReferenceData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsortReportTest {

    private static final Set<String> DROPOUTS = Set.of("P004", "P017", "P022");
    private static final List<String> INSTRUMENTS = List.of("WALTON-QWL-35", "CD-RISC-25", "CSS-30");
    private static final List<TrialData.ArmInfo> ARMS = List.of(new TrialData.ArmInfo("intervention", "Balint groups", true),
            new TrialData.ArmInfo("waitlist", "Waitlist", false));
    private static final Map<String, String> LABELS = Map.of("intervention", "Balint groups", "waitlist", "Waitlist");

    /** The reference set as the service would hold it: totals per timepoint and instrument, the three dropouts excluded. */
    private static TrialData reference() {
        return reference(referencePeople());
    }

    private static TrialData reference(List<TrialData.Person> people) {
        List<TrialData.OutcomeInfo> outcomes = new ArrayList<>();
        for (String instrument : INSTRUMENTS) {
            outcomes.add(new TrialData.OutcomeInfo(instrument, null, instrument + " total", "post", outcomes.isEmpty()));
        }
        return new TrialData("reference", "IRCT0", ARMS, List.of(new TrialData.Characteristic("age", "Age", true, List.of()),
                new TrialData.Characteristic("sex", "Sex", false, List.of("female", "male"))), outcomes, "baseline",
                List.of("baseline", "post"), 8, people, 0);
    }

    private static List<TrialData.Person> referencePeople() {
        Map<String, Map<ScoreKey, Double>> scores = new LinkedHashMap<>();
        ReferenceData.itemsCsv().lines().skip(1).map(l -> l.replace("\"", "").split(",")).forEach(c ->
                scores.computeIfAbsent(c[0], k -> new HashMap<>()).merge(ScoreKey.total(c[2], c[3]), Double.parseDouble(c[5]), Double::sum));
        List<TrialData.Person> people = new ArrayList<>();
        ReferenceData.arms().forEach((code, arm) -> people.add(new TrialData.Person(code, "RAZI", List.of(), arm,
                DROPOUTS.contains(code) ? Status.EXCLUDED_FROM_ANALYSIS : Status.RANDOMISED,
                DROPOUTS.contains(code) ? List.of(new TrialData.Event(EventKind.EXCLUDED_FROM_ANALYSIS, "dropped out")) : List.of(),
                true, Map.of("age", 30 + code.hashCode() % 10, "sex", code.hashCode() % 2 == 0 ? "female" : "male"),
                scores.get(code), null, null, false)));
        return people;
    }

    @Test
    void theOutcomesTableReproducesTheReferenceAncovaAndDescriptives() throws IOException {
        ConsortReport report = ConsortReport.compute(reference(), LABELS, true, false);
        List<String> expected = lines("/reference/ancova-expected.csv");
        int checked = 0;
        for (String line : expected) {
            String[] c = line.split(",");
            if (c.length == 7 && !c[0].equals("instrument")) {
                OutcomeTable.ArmSummary arm = row(report, c[0]).arms().get(c[1].equals("intervention") ? 0 : 1);
                assertEquals(Long.parseLong(c[2]), arm.analysed());
                assertEquals(Double.parseDouble(c[3]), arm.baseline().mean(), 5e-5);
                assertEquals(Double.parseDouble(c[4]), arm.baseline().sd(), 5e-5);
                assertEquals(Double.parseDouble(c[5]), arm.post().mean(), 5e-5);
                assertEquals(Double.parseDouble(c[6]), arm.post().sd(), 5e-5);
                checked++;
            } else if (c.length == 11 && !c[0].equals("instrument")) {
                OutcomeTable.AncovaResult a = row(report, c[0]).ancova();
                close(Double.parseDouble(c[1]), a.f());
                assertEquals(Integer.parseInt(c[2]), a.df1());
                assertEquals(Integer.parseInt(c[3]), a.df2());
                close(Double.parseDouble(c[4]), a.p());
                close(Double.parseDouble(c[5]), a.partialEtaSquared());
                close(Double.parseDouble(c[6]), a.adjustedDifference());
                close(Double.parseDouble(c[7]), a.differenceLower());
                close(Double.parseDouble(c[8]), a.differenceUpper());
                close(Double.parseDouble(c[9]), a.adjustedMeanIntervention());
                close(Double.parseDouble(c[10]), a.adjustedMeanControl());
                assertNotNull(a.slopes());
                checked++;
            }
        }
        assertEquals(9, checked);
        ConsortFlow.ArmFlow waitlist = report.flow().arms().get(1);
        assertEquals(15, waitlist.allocated());
        assertEquals(12, waitlist.analysed());
        assertEquals(List.of(new ConsortFlow.Reason("excluded: dropped out", 3)), waitlist.exclusionReasons());
    }

    /** Agreement to the printed 6 decimals: within half a unit of the last printed digit, or 1e-6 relative. */
    private static void close(double expected, double actual) {
        assertTrue(Math.abs(expected - actual) <= Math.max(5e-7, 1e-6 * Math.abs(expected)), expected + " vs " + actual);
    }

    private static OutcomeTable.Row row(ConsortReport report, String instrument) {
        return report.outcomes().stream().filter(r -> r.outcome().equals(instrument)).findFirst().orElseThrow();
    }

    @Test
    void aBlindedInterimReportPoolsEveryFigureOverTheArms() {
        TrialData data = reference();
        ConsortReport report = ConsortReport.compute(data, Map.of(), false, true);
        ConsortReport unblinded = ConsortReport.compute(data, Map.of("intervention", "I", "waitlist", "W"), true, true);
        assertEquals(List.of(), report.groups());
        assertEquals(List.of(ConsortReport.POOLED), report.flow().arms().stream().map(ConsortFlow.ArmFlow::label).toList());
        ConsortFlow.ArmFlow pooled = report.flow().arms().get(0);
        assertEquals(unblinded.flow().randomised(), pooled.allocated());
        assertEquals(unblinded.flow().arms().stream().mapToLong(ConsortFlow.ArmFlow::analysed).sum(), pooled.analysed());
        assertEquals(unblinded.flow().arms().stream().mapToLong(ConsortFlow.ArmFlow::excludedFromAnalysis).sum(),
                pooled.excludedFromAnalysis());
        for (OutcomeTable.Row row : report.outcomes()) {
            assertNull(row.ancova());
            assertEquals(List.of("All"), row.arms().stream().map(OutcomeTable.ArmSummary::group).toList());
        }
        assertNull(report.blinding().james());
        assertEquals(List.of("Overall"), report.baseline().columns().stream().map(BaselineTable.Column::group).toList());
        assertEquals(unblinded.baseline().columns().get(2), report.baseline().columns().get(0));
        for (int i = 0; i < report.baseline().rows().size(); i++) {
            BaselineTable.Row row = report.baseline().rows().get(i);
            BaselineTable.Row byArm = unblinded.baseline().rows().get(i);
            assertNull(row.test(), "no test between arms that are not shown");
            List<List<BaselineTable.Cell>> overall = row.levels() == null ? List.of(row.cells())
                    : row.levels().stream().map(BaselineTable.Level::cells).toList();
            List<List<BaselineTable.Cell>> split = byArm.levels() == null ? List.of(byArm.cells())
                    : byArm.levels().stream().map(BaselineTable.Level::cells).toList();
            for (int j = 0; j < overall.size(); j++) {
                assertEquals(List.of("Overall"), overall.get(j).stream().map(BaselineTable.Cell::group).toList());
                assertEquals(split.get(j).get(2), overall.get(j).get(0), "the overall column is the unblinded report's");
            }
        }
    }

    @Test
    void aBlindedInterimReportIsTheSameWhicheverParticipantIsInWhichArm() {
        TrialData data = reference();
        List<TrialData.Person> swapped = referencePeople().stream().map(p -> p.arm() == null ? p : new TrialData.Person(
                p.code(), p.site(), p.failedCriteria(), p.arm().equals("intervention") ? "waitlist" : "intervention",
                p.status(), p.events(), p.keepData(), p.baseline(), p.scores(), p.guess(), p.sessionsAttended(),
                p.perProtocolExcluded())).toList();
        TrialData twin = reference(swapped);
        assertEquals(ConsortReport.compute(data, Map.of(), false, false), ConsortReport.compute(twin, Map.of(), false, false));
        assertNotEquals(ConsortReport.compute(data, Map.of("intervention", "I", "waitlist", "W"), true, false),
                ConsortReport.compute(twin, Map.of("intervention", "I", "waitlist", "W"), true, false),
                "the reference data differ by arm, so the unblinded report tells the twins apart");
    }

    @Test
    void everyoneFallsInExactlyOnePathAndTheCountsAddUpForRandomHistories() {
        Random random = new Random(20261126);
        EventKind[] kinds = {EventKind.DID_NOT_RECEIVE, EventKind.DISCONTINUED, EventKind.LOST_TO_FOLLOW_UP,
                EventKind.WITHDREW_CONSENT, EventKind.EXCLUDED_FROM_ANALYSIS};
        Status[] states = {Status.DID_NOT_RECEIVE, Status.DISCONTINUED, Status.LOST_TO_FOLLOW_UP, Status.WITHDRAWN,
                Status.EXCLUDED_FROM_ANALYSIS};
        for (int trial = 0; trial < 200; trial++) {
            List<TrialData.Person> people = new ArrayList<>();
            int size = 1 + random.nextInt(80);
            for (int i = 0; i < size; i++) {
                Status screening = List.of(Status.ENROLLED, Status.ENROLLED, Status.ENROLLED, Status.INELIGIBLE,
                        Status.DECLINED).get(random.nextInt(5));
                boolean randomised = screening == Status.ENROLLED && random.nextInt(6) > 0;
                String arm = randomised ? ARMS.get(random.nextInt(2)).code() : null;
                List<TrialData.Event> events = new ArrayList<>();
                Status status = randomised ? Status.RANDOMISED : screening;
                int stage = -1;
                while (randomised && random.nextInt(3) == 0 && stage < 4) {
                    // forwards only, as ParticipantStatus allows
                    int next = stage < 1 ? stage + 1 + random.nextInt(5 - stage - 1) : Math.max(stage + 1, 2) + random.nextInt(3 - Math.max(0, stage - 2));
                    next = Math.min(next, 4);
                    if (stage >= 0 && stage <= 1 && next <= 1) {
                        next = 2;
                    }
                    events.add(new TrialData.Event(kinds[next], "reason " + random.nextInt(3)));
                    status = states[next];
                    stage = next;
                }
                Map<ScoreKey, Double> scores = new HashMap<>();
                if (random.nextInt(5) > 0) {
                    scores.put(ScoreKey.total("baseline", "Q"), 10.0 * random.nextDouble());
                }
                if (random.nextInt(4) > 0) {
                    scores.put(ScoreKey.total("post", "Q"), 10.0 * random.nextDouble());
                }
                people.add(new TrialData.Person("P" + i, "S", screening == Status.INELIGIBLE
                        ? List.of("I" + random.nextInt(3)) : List.of(), arm, status, events,
                        status != Status.WITHDRAWN || random.nextBoolean(), Map.of(), scores,
                        randomised && random.nextBoolean() ? Guess.DONT_KNOW : null, null, false));
            }
            TrialData data = new TrialData("random", null, ARMS, List.of(), List.of(new TrialData.OutcomeInfo("Q", null, "Q", "post", true)),
                    "baseline", List.of("baseline", "post"), 8, people, 0);
            ConsortFlow.Flow flow = ConsortFlow.of(data, List.of("intervention", "waitlist"), LABELS);
            assertEquals(size, flow.assessed());
            assertEquals(flow.assessed(), flow.excluded().total() + flow.randomised());
            assertEquals(flow.excluded().total(), flow.excluded().notMeetingCriteria() + flow.excluded().declined()
                    + flow.excluded().otherReasons());
            assertEquals(flow.excluded().notMeetingCriteria(), sum(flow.excluded().criteria()));
            assertEquals(flow.randomised(), flow.arms().stream().mapToLong(ConsortFlow.ArmFlow::allocated).sum());
            for (ConsortFlow.ArmFlow arm : flow.arms()) {
                assertEquals(arm.allocated(), arm.received() + arm.didNotReceive() + arm.receiptNotRecorded());
                assertEquals(arm.allocated(), arm.completedFollowUp() + arm.lostToFollowUp() + arm.discontinued() + arm.withdrew());
                assertEquals(arm.allocated(), arm.analysed() + arm.excludedFromAnalysis() + arm.notAnalysedAfterLeaving());
                assertTrue(arm.notAnalysedAfterLeaving() <= arm.lostToFollowUp() + arm.withdrew());
                assertEquals(arm.didNotReceive(), sum(arm.didNotReceiveReasons()));
                assertEquals(arm.lostToFollowUp(), sum(arm.lostReasons()));
                assertEquals(arm.discontinued(), sum(arm.discontinuedReasons()));
                assertEquals(arm.withdrew(), sum(arm.withdrewReasons()));
                assertEquals(arm.excludedFromAnalysis(), sum(arm.exclusionReasons()));
                assertTrue(arm.completedFollowUp() >= 0 && arm.received() >= 0 && arm.analysed() >= 0);
            }
        }
    }

    private static long sum(List<ConsortFlow.Reason> reasons) {
        return reasons.stream().mapToLong(ConsortFlow.Reason::n).sum();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = ConsortReportTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }
}
