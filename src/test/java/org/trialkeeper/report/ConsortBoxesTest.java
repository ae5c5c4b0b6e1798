package org.trialkeeper.report;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditAnchor;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.EventKind;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.web.ConsortSvg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsortBoxesTest {

    private static final Map<ScoreKey, Double> BOTH = Map.of(ScoreKey.total("baseline", "Q"), 3.0, ScoreKey.total("post", "Q"), 4.0);

    /** A small trial with someone in every box: screened out three ways, and each way of leaving the allocated path. */
    private static ConsortReport report() {
        List<TrialData.Person> people = new ArrayList<>(List.of(
                person(null, Status.INELIGIBLE, List.of(), List.of("I1: aged 18 to 60")),
                person(null, Status.DECLINED, List.of(), List.of()),
                person(null, Status.ENROLLED, List.of(), List.of()),
                person("B", Status.RANDOMISED, List.of(), List.of())));
        for (String arm : List.of("A", "B")) {
            people.add(person(arm, Status.RANDOMISED, List.of(), List.of()));
            people.add(person(arm, Status.DISCONTINUED, List.of(event(EventKind.DID_NOT_RECEIVE, "never came"),
                    event(EventKind.DISCONTINUED, "night shifts")), List.of()));
            people.add(person(arm, Status.LOST_TO_FOLLOW_UP, List.of(event(EventKind.LOST_TO_FOLLOW_UP, "moved away")), List.of()));
            people.add(person(arm, Status.WITHDRAWN, List.of(event(EventKind.WITHDREW_CONSENT, "no time")), List.of()));
            people.add(person(arm, Status.EXCLUDED_FROM_ANALYSIS, List.of(event(EventKind.EXCLUDED_FROM_ANALYSIS, "wrong site")),
                    List.of()));
        }
        TrialData data = new TrialData("boxes", "IRCT1", List.of(new TrialData.ArmInfo("A", "Groups", true),
                new TrialData.ArmInfo("B", "Waitlist", false)), List.of(),
                List.of(new TrialData.OutcomeInfo("Q", null, "Q total", "post", true)), "baseline", List.of("baseline", "post"),
                8, people, 0);
        return ConsortReport.compute(data, Map.of("A", "Groups", "B", "Waitlist"), true, false);
    }

    private static TrialData.Person person(String arm, Status status, List<TrialData.Event> events, List<String> failed) {
        return new TrialData.Person("P", "S", failed, arm, status, events, status != Status.WITHDRAWN, Map.of(),
                status == Status.LOST_TO_FOLLOW_UP ? Map.of(ScoreKey.total("baseline", "Q"), 2.0) : BOTH, null, null, false);
    }

    private static TrialData.Event event(EventKind kind, String reason) {
        return new TrialData.Event(kind, reason);
    }

    /** Every line of the model, in the order the diagram is drawn: enrolment, then each stage across the arms. */
    private static List<String> lines(ConsortBoxes boxes) {
        List<ConsortBoxes.Box> drawn = new ArrayList<>(List.of(boxes.assessed(), boxes.excluded(), boxes.randomised()));
        for (int stage = 0; stage < 3; stage++) {
            for (ConsortBoxes.Column column : boxes.arms()) {
                drawn.add(column.boxes().get(stage));
            }
        }
        return drawn.stream().flatMap(box -> box.lines().stream()).map(ConsortBoxes.Line::text).toList();
    }

    @Test
    void thePdfAndTheWebPageTakeEveryLineOfEveryBoxFromTheSameModel() throws IOException {
        ConsortReport report = report();
        for (Wording wording : Wording.values()) {
            ReportService.Document document = new ReportService.Document(report, wording, "LOCKED", "0".repeat(64), Instant.EPOCH,
                    new AuditAnchor("trial-1", 1, "0".repeat(64)));
            List<String> model = lines(document.boxes());
            assertTrue(model.size() > 20, "the model has every box's lines: " + model);

            List<String> svg = svgTexts(ConsortSvg.draw(document.boxes()));
            assertEquals(model.size(), svg.size(), "the SVG writes no box text of its own: " + svg);
            for (int i = 0; i < model.size(); i++) {
                assertTrue(svg.get(i).endsWith(model.get(i)), svg.get(i) + " draws " + model.get(i));
            }

            String pdf = firstPage(ConsortPdf.render(document, null)).replace('\u00a0', ' ');
            for (String line : model) {
                assertTrue(pdf.contains(line), "the PDF's flow diagram has " + line + ":\n" + pdf);
            }
        }
    }

    @Test
    void theTwoWordingsDifferOnlyInTheTemplatesOwnLabels() {
        ConsortReport report = report();
        List<String> old = lines(new ReportService.Document(report, Wording.CONSORT_2010, "LOCKED", "", Instant.EPOCH, null).boxes());
        List<String> current = lines(new ReportService.Document(report, Wording.CONSORT_2025, "LOCKED", "", Instant.EPOCH, null).boxes());
        assertEquals(old.size(), current.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            if (!old.get(i).equals(current.get(i))) {
                changed.add(old.get(i) + " -> " + current.get(i));
            }
        }
        assertEquals(List.of("Not meeting inclusion criteria (n = 1) -> Not meeting eligibility criteria (n = 1)",
                "Randomized (n = 11) -> Randomised (n = 11)"), changed);
        assertTrue(old.contains("Analysed for the primary outcome (n = 2)"), "the 2010 wording names the primary outcome too: " + old);
        assertNotEquals(old, current);
    }

    private static List<String> svgTexts(String svg) {
        List<String> texts = new ArrayList<>();
        Matcher text = Pattern.compile("<text class=\"line\"[^>]*>(.*?)</text>").matcher(svg);
        while (text.find()) {
            texts.add(text.group(1).replaceAll("</tspan><tspan[^>]*>", " ").replaceAll("<[^>]*>", "")
                    .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
        }
        return texts;
    }

    private static String firstPage(byte[] pdf) throws IOException {
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            return PdfTextExtractor.getTextFromPage(document.getPage(1));
        }
    }
}
