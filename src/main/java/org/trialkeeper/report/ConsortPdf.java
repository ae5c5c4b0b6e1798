package org.trialkeeper.report;

import com.itextpdf.io.font.constants.StandardFonts;
import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import org.trialkeeper.analysis.BaselineTable;
import org.trialkeeper.analysis.ConsortFlow;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Estimate;
import org.trialkeeper.analysis.OutcomeTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the CONSORT report: page 1 the flow diagram as boxes and arrows with the counts and
 * reasons, then the baseline table, the outcomes with their ANCOVA and a chart of the means
 * with 95% CIs, blinding and attendance, and on every page a footer with the registry id,
 * the snapshot's SHA-256 and the UTC time. Only standard PDF fonts are used, so the text is
 * kept to their character set.
 */
final class ConsortPdf {

    private static final float BOX_FONT = 7.5f;
    /** Reasons stand under their count; plain spaces at the start of a line would be dropped. */
    private static final String INDENT = "\u00a0\u00a0\u00a0\u00a0";
    private static final float LEADING = 9.5f;
    private static final Color[] SERIES = {new DeviceGray(0.1f), new DeviceGray(0.55f), new DeviceGray(0.75f)};

    private ConsortPdf() {
    }

    /** The labels of the two wordings: CONSORT 2010 and the 2025 update. */
    record Labels(String assessed, String excluded, String notMeeting, String declined, String other,
                  String randomised, String allocated, String received, String notReceived, String lost,
                  String discontinued, String withdrew, String analysed, String excludedAnalysis) {

        static Labels of(Wording wording) {
            return new Labels("Assessed for eligibility", "Excluded", wording.notMeetingCriteria(),
                    "Declined to participate", "Other reasons", wording.randomised(), "Allocated to", "Received allocated intervention",
                    "Did not receive allocated intervention", "Lost to follow-up", "Discontinued intervention",
                    "Withdrew consent", wording.analysed(), "Excluded from analysis");
        }
    }

    static byte[] render(ReportService.Document doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out))) {
            pdf.getDocumentInfo().setTitle("CONSORT report: " + doc.report().title());
            pdf.getDocumentInfo().setCreator("TrialKeeper");
            PdfFont regular = PdfFontFactory.createFont(StandardFonts.HELVETICA);
            PdfFont bold = PdfFontFactory.createFont(StandardFonts.HELVETICA_BOLD);
            Document document = new Document(pdf, PageSize.A4, false);
            document.setMargins(36, 36, 48, 36);
            document.setFont(regular).setFontSize(9);
            ConsortReport report = doc.report();
            document.add(new Paragraph(report.unblinded() ? "CONSORT flow diagram" : "CONSORT flow diagram: blinded interim report")
                    .setFont(bold).setFontSize(13).setMarginBottom(2));
            document.add(new Paragraph(text(report.title())).setFontSize(8).setMarginBottom(6));
            document.add(new Image(flowDiagram(pdf, report.flow(), Labels.of(doc.wording()), regular, bold)).setAutoScale(true));
            document.add(new AreaBreak());
            if (!report.unblinded()) {
                document.add(new Paragraph("Blinded interim report: the arms are shown as " + String.join(" and ", report.groups())
                        + ", and no outcome results by arm are shown before the trial is LOCKED.").setFont(bold));
            }
            baseline(document, report, bold);
            outcomes(document, report, bold, pdf, regular);
            blindingAndAttendance(document, report, bold);
            footer(document, pdf, doc, regular);
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- page 1: the flow diagram ----

    private static PdfFormXObject flowDiagram(PdfDocument pdf, ConsortFlow.Flow flow, Labels w, PdfFont regular, PdfFont bold) {
        float width = 523;
        float height = 700;
        PdfFormXObject form = new PdfFormXObject(new Rectangle(width, height));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        int arms = flow.arms().size();
        float stageX = 0;
        float left = 70;
        float usable = width - left;
        float top = height;

        // enrolment
        List<String> assessed = List.of(w.assessed() + " (n = " + flow.assessed() + ")");
        float boxWidth = 190;
        float centre = left + usable / 2;
        float y = top - 10;
        Rectangle assessedBox = box(canvas, pdf, form, centre - boxWidth / 2 - 60, y, boxWidth, assessed, regular, bold);
        List<String> excluded = new ArrayList<>();
        excluded.add(w.excluded() + " (n = " + flow.excluded().total() + ")");
        excluded.add("- " + w.notMeeting() + " (n = " + flow.excluded().notMeetingCriteria() + ")");
        flow.excluded().criteria().forEach(r -> excluded.add(INDENT + text(r.reason()) + " (n = " + r.n() + ")"));
        excluded.add("- " + w.declined() + " (n = " + flow.excluded().declined() + ")");
        excluded.add("- " + w.other() + " (n = " + flow.excluded().otherReasons() + ")");
        float excludedTop = assessedBox.getBottom() - 14;
        Rectangle excludedBox = box(canvas, pdf, form, centre + 20, excludedTop, width - centre - 20, excluded, regular, bold);
        float spineX = assessedBox.getLeft() + assessedBox.getWidth() / 2;
        float randomisedTop = excludedBox.getBottom() - 14;
        Rectangle randomisedBox = box(canvas, pdf, form, spineX - boxWidth / 2, randomisedTop, boxWidth,
                List.of(w.randomised() + " (n = " + flow.randomised() + ")"), regular, bold);
        arrow(canvas, spineX, assessedBox.getBottom(), spineX, randomisedBox.getTop());
        float branchY = excludedBox.getBottom() + excludedBox.getHeight() / 2;
        line(canvas, spineX, branchY, excludedBox.getLeft() - 3, branchY);
        arrowHead(canvas, excludedBox.getLeft(), branchY, 1, 0);
        stage(canvas, pdf, form, stageX, assessedBox.getTop(), randomisedBox.getBottom(), "Enrolment", bold);

        // one column per arm
        float gap = 10;
        float columnWidth = (usable - gap * (arms - 1)) / arms;
        float allocationTop = randomisedBox.getBottom() - 26;
        float[] allocationBottom = new float[arms];
        List<Rectangle[]> columns = new ArrayList<>();
        for (int i = 0; i < arms; i++) {
            ConsortFlow.ArmFlow arm = flow.arms().get(i);
            float x = left + i * (columnWidth + gap);
            List<String> allocation = new ArrayList<>();
            allocation.add(w.allocated() + " " + text(arm.label()) + " (n = " + arm.allocated() + ")");
            allocation.add("- " + w.received() + " (n = " + arm.received() + ")");
            allocation.add("- " + w.notReceived() + " (n = " + arm.didNotReceive() + ")");
            reasons(allocation, arm.didNotReceiveReasons());
            Rectangle allocationBox = box(canvas, pdf, form, x, allocationTop, columnWidth, allocation, regular, bold);
            allocationBottom[i] = allocationBox.getBottom();
            columns.add(new Rectangle[]{allocationBox});
            float armCentre = x + columnWidth / 2;
            line(canvas, spineX, randomisedBox.getBottom(), spineX, randomisedBox.getBottom() - 12);
            line(canvas, spineX, randomisedBox.getBottom() - 12, armCentre, randomisedBox.getBottom() - 12);
            arrow(canvas, armCentre, randomisedBox.getBottom() - 12, armCentre, allocationBox.getTop());
        }
        float followTop = min(allocationBottom) - 20;
        float[] followBottom = new float[arms];
        for (int i = 0; i < arms; i++) {
            ConsortFlow.ArmFlow arm = flow.arms().get(i);
            float x = left + i * (columnWidth + gap);
            List<String> follow = new ArrayList<>();
            follow.add(w.lost() + " (n = " + arm.lostToFollowUp() + ")");
            reasons(follow, arm.lostReasons());
            follow.add(w.discontinued() + " (n = " + arm.discontinued() + ")");
            reasons(follow, arm.discontinuedReasons());
            follow.add(w.withdrew() + " (n = " + arm.withdrew() + ")");
            reasons(follow, arm.withdrewReasons());
            Rectangle followBox = box(canvas, pdf, form, x, followTop, columnWidth, follow, regular, regular);
            followBottom[i] = followBox.getBottom();
            columns.get(i)[0] = columns.get(i)[0];
            arrow(canvas, x + columnWidth / 2, columns.get(i)[0].getBottom(), x + columnWidth / 2, followBox.getTop());
            columns.set(i, new Rectangle[]{columns.get(i)[0], followBox});
        }
        float analysisTop = min(followBottom) - 20;
        float[] analysisBottom = new float[arms];
        for (int i = 0; i < arms; i++) {
            ConsortFlow.ArmFlow arm = flow.arms().get(i);
            float x = left + i * (columnWidth + gap);
            List<String> analysis = new ArrayList<>();
            analysis.add(w.analysed() + " (n = " + arm.analysed() + ")");
            analysis.add("- " + w.excludedAnalysis() + " (n = " + arm.excludedFromAnalysis() + ")");
            reasons(analysis, arm.exclusionReasons());
            Rectangle analysisBox = box(canvas, pdf, form, x, analysisTop, columnWidth, analysis, regular, bold);
            analysisBottom[i] = analysisBox.getBottom();
            arrow(canvas, x + columnWidth / 2, columns.get(i)[1].getBottom(), x + columnWidth / 2, analysisBox.getTop());
        }
        stage(canvas, pdf, form, stageX, allocationTop, min(allocationBottom), "Allocation", bold);
        stage(canvas, pdf, form, stageX, followTop, min(followBottom), "Follow-up", bold);
        stage(canvas, pdf, form, stageX, analysisTop, min(analysisBottom), "Analysis", bold);
        canvas.release();
        return form;
    }

    private static void reasons(List<String> lines, List<ConsortFlow.Reason> reasons) {
        reasons.forEach(r -> lines.add(INDENT + text(r.reason()) + " (n = " + r.n() + ")"));
    }

    private static float min(float[] values) {
        float min = Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** A box whose top edge is at {@code top}, as tall as its lines need; the first line in bold. */
    private static Rectangle box(PdfCanvas canvas, PdfDocument pdf, PdfFormXObject form, float x, float top, float width,
                                 List<String> lines, PdfFont regular, PdfFont bold) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(wrap(line, regular, BOX_FONT, width - 10));
        }
        float height = wrapped.size() * LEADING + 8;
        Rectangle rectangle = new Rectangle(x, top - height, width, height);
        canvas.setLineWidth(0.8f).setStrokeColor(ColorConstants.BLACK).rectangle(rectangle).stroke();
        try (Canvas text = new Canvas(canvas, form.getBBox().toRectangle())) {
            float y = top - 4 - BOX_FONT;
            int firstLines = wrap(lines.get(0), regular, BOX_FONT, width - 10).size();
            for (int i = 0; i < wrapped.size(); i++) {
                text.showTextAligned(new Paragraph(wrapped.get(i)).setFont(i < firstLines ? bold : regular)
                        .setFontSize(BOX_FONT), x + 5, y, TextAlignment.LEFT, VerticalAlignment.BOTTOM);
                y -= LEADING;
            }
        }
        return rectangle;
    }

    private static List<String> wrap(String line, PdfFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        String indent = line.startsWith(INDENT) ? INDENT + "\u00a0\u00a0" : line.startsWith("- ") ? "\u00a0\u00a0\u00a0" : "";
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" ")) {
            String tried = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && font.getWidth(tried, size) > width) {
                lines.add(current.toString());
                current = new StringBuilder(indent + word);
            } else {
                current = new StringBuilder(tried);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private static void stage(PdfCanvas canvas, PdfDocument pdf, PdfFormXObject form, float x, float top, float bottom,
                              String label, PdfFont bold) {
        float height = top - bottom;
        canvas.setFillColor(new DeviceGray(0.9f)).rectangle(x, bottom, 60, height).fill();
        canvas.setFillColor(ColorConstants.BLACK);
        try (Canvas text = new Canvas(canvas, form.getBBox().toRectangle())) {
            text.showTextAligned(new Paragraph(label).setFont(bold).setFontSize(8), x + 30, bottom + height / 2,
                    TextAlignment.CENTER, VerticalAlignment.MIDDLE);
        }
    }

    private static void line(PdfCanvas canvas, float x1, float y1, float x2, float y2) {
        canvas.setLineWidth(0.8f).moveTo(x1, y1).lineTo(x2, y2).stroke();
    }

    private static void arrow(PdfCanvas canvas, float x1, float y1, float x2, float y2) {
        line(canvas, x1, y1, x2, y2 + 3);
        arrowHead(canvas, x2, y2, 0, -1);
    }

    private static void arrowHead(PdfCanvas canvas, float x, float y, float dx, float dy) {
        float size = 4;
        canvas.setFillColor(ColorConstants.BLACK).moveTo(x, y)
                .lineTo(x - dx * size * 1.5f - dy * size, y - dy * size * 1.5f - dx * size)
                .lineTo(x - dx * size * 1.5f + dy * size, y - dy * size * 1.5f + dx * size)
                .closePath().fill();
    }

    // ---- the tables ----

    private static void baseline(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Baseline characteristics").setFont(bold).setFontSize(12).setMarginTop(4));
        int groups = report.groups().size() + 1;
        boolean tests = report.baseline().stream().anyMatch(r -> r.test() != null);
        Table table = new Table(UnitValue.createPercentArray(groups + 1 + (tests ? 1 : 0))).useAllAvailableWidth();
        table.addHeaderCell(header("Characteristic", bold));
        report.groups().forEach(g -> table.addHeaderCell(header(text(g), bold)));
        table.addHeaderCell(header("Overall", bold));
        if (tests) {
            table.addHeaderCell(header("Test", bold));
        }
        for (BaselineTable.Row row : report.baseline()) {
            table.addCell(cell(row.level() == null ? text(row.label()) + ", mean (SD)"
                    : text(row.label()) + ": " + text(row.level()) + ", n (%)"));
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

    private static void outcomes(Document document, ConsortReport report, PdfFont bold, PdfDocument pdf, PdfFont regular) {
        document.add(new Paragraph("Outcomes").setFont(bold).setFontSize(12).setMarginTop(10));
        Table table = new Table(UnitValue.createPercentArray(new float[]{22, 14, 22, 22, 20})).useAllAvailableWidth();
        for (String h : List.of("Outcome", "Group", "Baseline mean (SD)", "Post mean (SD)", "n analysed; with data")) {
            table.addHeaderCell(header(h, bold));
        }
        for (OutcomeTable.Row row : report.outcomes()) {
            boolean first = true;
            for (OutcomeTable.ArmSummary arm : row.arms()) {
                table.addCell(cell(first ? text(row.label()) + " at " + row.timepoint() + (row.primary() ? " (primary)" : "") : ""));
                table.addCell(cell(text(arm.group())));
                table.addCell(cell(meanSd(arm.baseline())));
                table.addCell(cell(meanSd(arm.post())));
                table.addCell(cell(arm.analysed() + "; " + arm.withData().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
                first = false;
            }
        }
        document.add(table);
        document.add(new Paragraph("ANCOVA of the post score on the baseline score and arm").setFont(bold).setMarginTop(8));
        for (OutcomeTable.Row row : report.outcomes()) {
            OutcomeTable.AncovaResult a = row.ancova();
            if (a == null) {
                document.add(new Paragraph(text(row.label()) + ": " + text(row.ancovaMissingBecause())));
                continue;
            }
            document.add(new Paragraph(text(row.label()) + " (n = " + a.n() + "): F(" + a.df1() + ", " + a.df2() + ") = "
                    + f2(a.f()) + ", " + p(a.p()) + ", partial eta squared = " + f3(a.partialEtaSquared())
                    + "; adjusted difference (intervention - control) = " + f2(a.adjustedDifference()) + " (95% CI "
                    + f2(a.differenceLower()) + " to " + f2(a.differenceUpper()) + "); adjusted means "
                    + f2(a.adjustedMeanIntervention()) + " and " + f2(a.adjustedMeanControl())
                    + (a.slopes() == null ? "" : ". Homogeneity of slopes: F(1, " + a.slopes().df2() + ") = "
                    + f2(a.slopes().f()) + ", " + p(a.slopes().p()) + ", " + a.slopes().note())));
        }
        document.add(new Paragraph("Means with 95% confidence intervals").setFont(bold).setMarginTop(8));
        for (OutcomeTable.Row row : report.outcomes()) {
            document.add(new Image(chart(pdf, row, regular)).setAutoScale(false));
        }
    }

    /** Baseline and post means with 95% CIs, one series per group. */
    private static PdfFormXObject chart(PdfDocument pdf, OutcomeTable.Row row, PdfFont font) {
        float width = 500;
        float height = 130;
        PdfFormXObject form = new PdfFormXObject(new Rectangle(width, height));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (OutcomeTable.ArmSummary arm : row.arms()) {
            for (OutcomeTable.Summary s : List.of(arm.baseline(), arm.post())) {
                if (s.mean() != null) {
                    low = Math.min(low, s.ciLower() == null ? s.mean() : s.ciLower());
                    high = Math.max(high, s.ciUpper() == null ? s.mean() : s.ciUpper());
                }
            }
        }
        float plotLeft = 60;
        float plotBottom = 22;
        float plotWidth = 260;
        float plotHeight = height - 40;
        try (Canvas text = new Canvas(canvas, new Rectangle(width, height))) {
            text.showTextAligned(new Paragraph(text(row.label())).setFont(font).setFontSize(8), plotLeft, height - 8,
                    TextAlignment.LEFT, VerticalAlignment.TOP);
            canvas.setStrokeColor(ColorConstants.BLACK).setLineWidth(0.6f).rectangle(plotLeft, plotBottom, plotWidth, plotHeight).stroke();
            if (low == Double.MAX_VALUE) {
                text.showTextAligned(new Paragraph("no data").setFont(font).setFontSize(8), plotLeft + plotWidth / 2,
                        plotBottom + plotHeight / 2, TextAlignment.CENTER, VerticalAlignment.MIDDLE);
                canvas.release();
                return form;
            }
            double pad = Math.max((high - low) * 0.1, 0.5);
            double min = low - pad;
            double max = high + pad;
            for (int tick = 0; tick <= 4; tick++) {
                double value = min + (max - min) * tick / 4;
                float y = (float) (plotBottom + plotHeight * (value - min) / (max - min));
                line(canvas, plotLeft - 3, y, plotLeft, y);
                text.showTextAligned(new Paragraph(f1(value)).setFont(font).setFontSize(7), plotLeft - 5, y,
                        TextAlignment.RIGHT, VerticalAlignment.MIDDLE);
            }
            String[] times = {"baseline", row.timepoint()};
            for (int t = 0; t < 2; t++) {
                text.showTextAligned(new Paragraph(times[t]).setFont(font).setFontSize(7),
                        plotLeft + plotWidth * (t == 0 ? 0.25f : 0.75f), plotBottom - 4, TextAlignment.CENTER, VerticalAlignment.TOP);
            }
            int groups = row.arms().size();
            for (int g = 0; g < groups; g++) {
                OutcomeTable.ArmSummary arm = row.arms().get(g);
                Color colour = SERIES[g % SERIES.length];
                float offset = (g - (groups - 1) / 2f) * 10;
                float[] previous = null;
                OutcomeTable.Summary[] points = {arm.baseline(), arm.post()};
                for (int t = 0; t < 2; t++) {
                    OutcomeTable.Summary s = points[t];
                    if (s.mean() == null) {
                        previous = null;
                        continue;
                    }
                    float x = plotLeft + plotWidth * (t == 0 ? 0.25f : 0.75f) + offset;
                    float y = (float) (plotBottom + plotHeight * (s.mean() - min) / (max - min));
                    canvas.setStrokeColor(colour).setFillColor(colour);
                    if (s.ciLower() != null) {
                        float yl = (float) (plotBottom + plotHeight * (s.ciLower() - min) / (max - min));
                        float yu = (float) (plotBottom + plotHeight * (s.ciUpper() - min) / (max - min));
                        line(canvas, x, yl, x, yu);
                        line(canvas, x - 3, yl, x + 3, yl);
                        line(canvas, x - 3, yu, x + 3, yu);
                    }
                    canvas.circle(x, y, 2.5f).fill();
                    if (previous != null) {
                        canvas.setLineDash(2, 2);
                        line(canvas, previous[0], previous[1], x, y);
                        canvas.setLineDash(0);
                    }
                    previous = new float[]{x, y};
                }
                float legendY = height - 26 - g * 12;
                canvas.setFillColor(colour).circle(plotLeft + plotWidth + 20, legendY, 3).fill();
                text.showTextAligned(new Paragraph(text(arm.group()) + " (n = " + arm.analysed() + ")").setFont(font)
                        .setFontSize(8).setFontColor(ColorConstants.BLACK), plotLeft + plotWidth + 28, legendY, TextAlignment.LEFT, VerticalAlignment.MIDDLE);
            }
            canvas.setStrokeColor(ColorConstants.BLACK).setFillColor(ColorConstants.BLACK);
        }
        canvas.release();
        return form;
    }

    private static void blindingAndAttendance(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Blinding of outcome assessment").setFont(bold).setFontSize(12).setMarginTop(10));
        ConsortReport.Blinding b = report.blinding();
        document.add(new Paragraph("Assessors' answers to \"which arm do you think this participant is in?\": "
                + b.guesses() + " participants"));
        if (!b.counts().isEmpty()) {
            Table guesses = new Table(UnitValue.createPercentArray(b.counts().size() + 1)).setWidth(UnitValue.createPercentValue(60));
            guesses.addHeaderCell(header("Guess", bold));
            b.counts().keySet().forEach(truth -> guesses.addHeaderCell(header(truth.equals("all") ? "All participants"
                    : "In the " + truth + " arm", bold)));
            for (String guess : List.of("intervention", "control", "dont-know")) {
                guesses.addCell(cell(guess.equals("dont-know") ? "don't know" : guess));
                b.counts().values().forEach(byGuess -> guesses.addCell(cell(Long.toString(byGuess.getOrDefault(guess, 0L)))));
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
        document.add(new Paragraph(text(b.note())).setFontSize(8));
        document.add(new Paragraph("Attendance and unblinding").setFont(bold).setFontSize(12).setMarginTop(10));
        ConsortReport.Attendance a = report.attendance();
        document.add(new Paragraph(a.participants() == 0 ? "No attendance recorded (" + a.sessions() + " sessions planned)."
                : "Sessions attended of " + a.sessions() + ", among " + a.participants() + " participants with attendance "
                + "recorded: median " + f1(a.median()) + ", range " + a.fewest() + " to " + a.most() + "."));
        document.add(new Paragraph("Excluded from the per-protocol analysis: " + a.perProtocolExcluded() + "."));
        document.add(new Paragraph("Emergency unblindings: " + report.emergencyUnblindings() + "."));
    }

    private static void footer(Document document, PdfDocument pdf, ReportService.Document doc, PdfFont font) {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(doc.generatedAt());
        int pages = pdf.getNumberOfPages();
        for (int page = 1; page <= pages; page++) {
            String line = "Registry " + (doc.report().registryId() == null ? "-" : doc.report().registryId())
                    + "  |  data snapshot SHA-256 " + doc.sha256() + "  |  " + time + "  |  page " + page + " of " + pages;
            document.showTextAligned(new Paragraph(line).setFont(font).setFontSize(6.5f), 36, 24, page,
                    TextAlignment.LEFT, VerticalAlignment.BOTTOM, 0);
        }
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

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** "p = 0.123", or "p < 0.001". */
    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /** Text in the standard fonts' character set: anything else becomes '?'. */
    private static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.append(c >= 32 && c < 127 || c >= 160 && c <= 255 ? (char) c : '?'));
        return out.toString();
    }
}
