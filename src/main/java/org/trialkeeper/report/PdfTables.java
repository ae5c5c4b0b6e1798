package org.trialkeeper.report;

import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.BaselineTable;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Estimate;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.OutcomeTable;

import java.util.List;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.f2;
import static org.trialkeeper.report.PdfText.f3;
import static org.trialkeeper.report.PdfText.latin1;
import static org.trialkeeper.report.PdfText.p;

/**
 * The report's tables after the flow diagram, each under its heading: baseline characteristics,
 * outcomes with their ANCOVA written out, and the assessors' guesses with the blinding indices,
 * attendance and unblindings.
 */
final class PdfTables {

    private PdfTables() {
    }

    static void baseline(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Baseline characteristics").setFont(bold).setFontSize(12).setMarginTop(4));
        int groups = report.groups().size() + 1;
        boolean tests = report.baseline().stream().anyMatch(r -> r.test() != null);
        Table table = new Table(UnitValue.createPercentArray(groups + 1 + (tests ? 1 : 0))).useAllAvailableWidth();
        table.addHeaderCell(header("Characteristic", bold));
        report.groups().forEach(g -> table.addHeaderCell(header(latin1(g), bold)));
        table.addHeaderCell(header("Overall", bold));
        if (tests) {
            table.addHeaderCell(header("Test", bold));
        }
        for (BaselineTable.Row row : report.baseline()) {
            table.addCell(cell(row.level() == null ? latin1(row.label()) + ", mean (SD)"
                    : latin1(row.label()) + ": " + latin1(row.level()) + ", n (%)"));
            for (BaselineTable.Cell c : row.cells()) {
                table.addCell(cell(row.level() == null
                        ? (c.mean() == null ? "-" : f1(c.mean()) + " (" + (c.sd() == null ? "-" : f1(c.sd())) + "), n = " + c.n())
                        : c.count() + " (" + (c.percent() == null ? "-" : f1(c.percent())) + "%)"));
            }
            if (tests) {
                table.addCell(cell(row.test() == null ? "" : row.test().name() + " " + f2(row.test().statistic())
                        + ", " + p(row.test().p())));
            }
        }
        document.add(table);
    }

    static void outcomes(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Outcomes").setFont(bold).setFontSize(12).setMarginTop(10));
        Table table = new Table(UnitValue.createPercentArray(new float[]{22, 14, 22, 22, 20})).useAllAvailableWidth();
        for (String h : List.of("Outcome", "Group", "Baseline mean (SD)", "Post mean (SD)", "n analysed; with data")) {
            table.addHeaderCell(header(h, bold));
        }
        for (OutcomeTable.Row row : report.outcomes()) {
            boolean first = true;
            for (OutcomeTable.ArmSummary arm : row.arms()) {
                table.addCell(cell(first ? latin1(row.label()) + " at " + row.timepoint() + (row.primary() ? " (primary)" : "") : ""));
                table.addCell(cell(latin1(arm.group())));
                table.addCell(cell(meanSd(arm.baseline())));
                table.addCell(cell(meanSd(arm.post())));
                table.addCell(cell(arm.analysed() + "; " + arm.withData().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
                first = false;
            }
        }
        document.add(table);
        document.add(new Paragraph("ANCOVA of the post score on the baseline score and arm").setFont(bold).setMarginTop(8));
        report.outcomes().forEach(row -> document.add(new Paragraph(ancova(row))));
    }

    private static String ancova(OutcomeTable.Row row) {
        OutcomeTable.AncovaResult a = row.ancova();
        if (a == null) {
            return latin1(row.label()) + ": " + latin1(row.ancovaMissingBecause());
        }
        return latin1(row.label()) + " (n = " + a.n() + "): F(" + a.df1() + ", " + a.df2() + ") = "
                + f2(a.f()) + ", " + p(a.p()) + ", partial eta squared = " + f3(a.partialEtaSquared())
                + "; adjusted difference (intervention - control) = " + f2(a.adjustedDifference()) + " (95% CI "
                + f2(a.differenceLower()) + " to " + f2(a.differenceUpper()) + "); adjusted means "
                + f2(a.adjustedMeanIntervention()) + " and " + f2(a.adjustedMeanControl())
                + (a.slopes() == null ? "" : ". Homogeneity of slopes: F(1, " + a.slopes().df2() + ") = "
                + f2(a.slopes().f()) + ", " + p(a.slopes().p()) + ", " + a.slopes().note());
    }

    static void blinding(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Blinding of outcome assessment").setFont(bold).setFontSize(12).setMarginTop(10));
        ConsortReport.Blinding b = report.blinding();
        document.add(new Paragraph("Assessors' answers to \"which arm do you think this participant is in?\": "
                + b.guesses() + " participants"));
        if (!b.counts().isEmpty()) {
            Table guesses = new Table(UnitValue.createPercentArray(b.counts().size() + 1)).setWidth(UnitValue.createPercentValue(60));
            guesses.addHeaderCell(header("Guess", bold));
            b.counts().keySet().forEach(truth -> guesses.addHeaderCell(header(truth.equals("all") ? "All participants"
                    : "In the " + truth + " arm", bold)));
            for (Guess guess : Guess.values()) {
                guesses.addCell(cell(guess == Guess.DONT_KNOW ? "don't know" : guess.code()));
                b.counts().values().forEach(byGuess -> guesses.addCell(cell(Long.toString(byGuess.getOrDefault(guess.code(), 0L)))));
            }
            document.add(guesses);
        }
        if (b.james() != null) {
            document.add(new Paragraph("James' blinding index " + estimate(b.james())));
        }
        if (b.bangIntervention() != null) {
            document.add(new Paragraph("Bang's blinding index, intervention arm " + estimate(b.bangIntervention())));
        }
        if (b.bangControl() != null) {
            document.add(new Paragraph("Bang's blinding index, control arm " + estimate(b.bangControl())));
        }
        document.add(new Paragraph(latin1(b.note())).setFontSize(8));
    }

    static void attendance(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Attendance and unblinding").setFont(bold).setFontSize(12).setMarginTop(10));
        ConsortReport.Attendance a = report.attendance();
        document.add(new Paragraph(a.participants() == 0 ? "No attendance recorded (" + a.sessions() + " sessions planned)."
                : "Sessions attended of " + a.sessions() + ", among " + a.participants() + " participants with attendance "
                + "recorded: median " + f1(a.median()) + ", range " + a.fewest() + " to " + a.most() + "."));
        document.add(new Paragraph("Excluded from the per-protocol analysis: " + a.perProtocolExcluded() + "."));
        document.add(new Paragraph("Emergency unblindings: " + report.emergencyUnblindings() + "."));
    }

    private static Cell header(String text, PdfFont bold) {
        return new Cell().add(new Paragraph(text).setFont(bold).setFontSize(8)).setBackgroundColor(new DeviceGray(0.9f));
    }

    private static Cell cell(String text) {
        return new Cell().add(new Paragraph(text).setFontSize(8));
    }

    private static String meanSd(OutcomeTable.Summary s) {
        return s.mean() == null ? "-" : f2(s.mean()) + " (" + (s.sd() == null ? "-" : f2(s.sd())) + ")";
    }

    private static String estimate(Estimate e) {
        return f3(e.value()) + " (SE " + f3(e.standardError()) + ", 95% CI " + f3(e.lower()) + " to " + f3(e.upper()) + ")";
    }
}
