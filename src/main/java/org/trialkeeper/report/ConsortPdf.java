package org.trialkeeper.report;

import com.itextpdf.io.font.constants.StandardFonts;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.VerticalAlignment;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.OutcomeTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.trialkeeper.report.PdfText.latin1;

/**
 * Puts the CONSORT report together: page 1 the flow diagram, then the baseline table, the
 * outcomes with their ANCOVA and a chart of the means with 95% CIs, blinding and attendance,
 * and on every page a footer with the registry id, the snapshot's SHA-256 and the UTC time.
 */
final class ConsortPdf {

    private ConsortPdf() {
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
            document.add(new Paragraph(latin1(report.title())).setFontSize(8).setMarginBottom(6));
            document.add(new Image(PdfFlowDiagram.draw(pdf, doc.boxes(), regular, bold)).setAutoScale(true));
            document.add(new AreaBreak());
            results(document, report, pdf, regular, bold);
            footer(document, pdf, doc, regular);
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void results(Document document, ConsortReport report, PdfDocument pdf, PdfFont regular, PdfFont bold) {
        if (!report.unblinded()) {
            document.add(new Paragraph("Blinded interim report: every figure is pooled over the arms, and none is"
                    + " shown by arm before the trial is LOCKED.").setFont(bold));
        }
        PdfTables.baseline(document, report, bold);
        PdfTables.outcomes(document, report, bold);
        PdfPrespecified.add(document, report, bold);
        document.add(new Paragraph("Means with 95% confidence intervals").setFont(bold).setMarginTop(8));
        for (OutcomeTable.Row row : report.outcomes()) {
            document.add(new Image(PdfMeansChart.draw(pdf, row, regular)).setAutoScale(false));
        }
        PdfTables.blinding(document, report, bold);
        PdfTables.attendance(document, report, bold);
    }

    private static void footer(Document document, PdfDocument pdf, ReportService.Document doc, PdfFont font) {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(doc.generatedAt());
        int pages = pdf.getNumberOfPages();
        for (int page = 1; page <= pages; page++) {
            String line = "Registry " + (doc.report().registryId() == null ? "-" : doc.report().registryId())
                    + "  |  data snapshot SHA-256 " + doc.sha256() + "  |  " + time + "  |  page " + page + " of " + pages;
            document.showTextAligned(new Paragraph(line).setFont(font).setFontSize(6.5f), 36, 24, page,
                    TextAlignment.LEFT, VerticalAlignment.BOTTOM, 0);
            String anchor = "Audit trail anchor: chain " + doc.auditAnchor().chain() + ", record " + doc.auditAnchor().seq()
                    + ", MAC " + doc.auditAnchor().hash();
            document.showTextAligned(new Paragraph(anchor).setFont(font).setFontSize(6.5f), 36, 15, page,
                    TextAlignment.LEFT, VerticalAlignment.BOTTOM, 0);
        }
    }
}
