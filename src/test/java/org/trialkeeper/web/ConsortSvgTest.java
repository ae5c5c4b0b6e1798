package org.trialkeeper.web;

import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.EventKind;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.report.ReportService;
import org.trialkeeper.report.Wording;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsortSvgTest {

    private static final String CRITERION = "I2: No history of a diagnosis of severe psychiatric disorder, of substance use"
            + " in the last year, or of any condition the investigator judges would prevent taking part";

    private static String svg() {
        Map<ScoreKey, Double> both = Map.of(ScoreKey.total("baseline", "Q"), 3.0, ScoreKey.total("post", "Q"), 4.0);
        List<TrialData.Person> people = List.of(
                new TrialData.Person("P1", "S", List.of(CRITERION), null, Status.INELIGIBLE, List.of(), true, Map.of(), Map.of(),
                        null, null, false),
                new TrialData.Person("P2", "S", List.of(), "A", Status.RANDOMISED, List.of(), true, Map.of(), both, null, 4, false),
                new TrialData.Person("P3", "S", List.of(), "B", Status.WITHDRAWN,
                        List.of(new TrialData.Event(EventKind.WITHDREW_CONSENT, "no longer wished to take part")), false, Map.of(),
                        both, null, null, false));
        TrialData data = new TrialData("svg", null, List.of(new TrialData.ArmInfo("A", "Groups", true),
                new TrialData.ArmInfo("B", "Waitlist", false)), List.of(),
                List.of(new TrialData.OutcomeInfo("Q", null, "Q total", "post", true)), "baseline", List.of("baseline", "post"),
                8, people, 0);
        ConsortReport report = ConsortReport.compute(data, Map.of("A", "Groups", "B", "Waitlist"), true, false);
        return ConsortSvg.draw(new ReportService.Document(report, Wording.CONSORT_2025, "LOCKED", "", Instant.EPOCH, null).boxes());
    }

    @Test
    void theDiagramNamesItsFourStages() {
        String svg = svg();
        for (String stage : List.of("Enrolment", "Allocation", "Follow-up", "Analysis")) {
            assertTrue(svg.contains("font-weight=\"bold\">" + stage + "</text>"), stage + " in " + svg);
        }
    }

    @Test
    void longCriterionTextWrapsInsideItsBoxAndTheWithdrawalKeepsItsReason() {
        String svg = svg();
        assertTrue(svg.contains("no longer wished to take part (n = 1)"), svg);
        Matcher rect = Pattern.compile("<rect x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\"[^>]*fill=\"white\"[^>]*/>((?:<text class=\"line\".*?</text>)+)")
                .matcher(svg);
        int pieces = 0;
        while (rect.find()) {
            int right = Integer.parseInt(rect.group(1)) + Integer.parseInt(rect.group(2));
            Matcher piece = Pattern.compile("<tspan x=\"(\\d+)\"[^>]*>([^<]*)</tspan>").matcher(rect.group(3));
            while (piece.find()) {
                double end = Integer.parseInt(piece.group(1)) + SvgText.width(piece.group(2));
                assertTrue(end <= right, piece.group(2) + " ends at " + end + ", past the box's edge at " + right);
                pieces++;
            }
        }
        assertTrue(pieces > 10, "every line was checked: " + pieces);
        Matcher criterion = Pattern.compile("<text class=\"line\"[^>]*><tspan[^>]*>I2: No history.*?</text>").matcher(svg);
        assertTrue(criterion.find(), svg);
        String joined = criterion.group().replaceAll("</tspan><tspan[^>]*>", " ").replaceAll("<[^>]*>", "");
        assertTrue(criterion.group().split("<tspan").length > 2 && joined.startsWith(CRITERION),
                "the criterion wraps onto further rows and is kept whole: " + criterion.group());
    }
}
