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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.trialkeeper.report.PdfText.latin1;

/**
 * Puts the CONSORT report together as a paper's figures and tables, numbered in order: page 1
 * Figure 1, the flow diagram; then the dates of recruitment and follow-up, Table 1 baseline
 * characteristics, Table 2 outcomes, Figure 2 the means with 95% CIs, Table 3 the assessors'
 * guesses with attendance, Table 4 participants by site, and the filled CONSORT 2025 checklist on
 * the last pages; on every page a footer with the registry id, the snapshot's SHA-256 and the UTC
 * time.
 */
final class ConsortPdf {

    private ConsortPdf() {
    }

    static byte[] render(ReportService.Document doc, ConsortChecklist checklist) {
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
            Captions captions = new Captions(bold);
            document.add(new Paragraph(latin1(report.title())).setFont(bold).setFontSize(10).setMarginBottom(2));
            document.add(captions.figure("CONSORT " + doc.wording().year() + " flow diagram"
                    + (report.unblinded() ? "" : " (blinded interim report: all arms together)")));
            document.add(new Image(PdfFlowDiagram.draw(pdf, doc.boxes(), regular, bold)).setAutoScale(true));
            document.add(Captions.note(FLOW_NOTE));
            document.add(new AreaBreak());
            results(document, report, pdf, captions, regular, bold);
            if (checklist != null) {
                PdfChecklist.add(document, checklist, bold);
            }
            footer(document, pdf, doc, regular);
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final String FLOW_NOTE = "Everyone screened is in exactly one line of each stage. Received: at least one"
            + " session attended (intervention), or followed up for the primary outcome while on the comparator (waitlist or"
            + " control); did not receive: as recorded, or attendance recorded with no session attended; otherwise receipt is"
            + " not recorded. Analysed: complete cases of the primary outcome; those lost to follow-up or withdrawn are shown"
            + " once, at follow-up.";

    private static void results(Document document, ConsortReport report, PdfDocument pdf, Captions captions, PdfFont regular,
                                PdfFont bold) {
        if (!report.unblinded()) {
            document.add(new Paragraph("Blinded interim report: every figure is pooled over the arms, and none is"
                    + " shown by arm before the trial is LOCKED.").setFont(bold));
        }
        String baseline = baselineLabel(report);
        PdfRecruitment.dates(document, report, bold);
        PdfBaselineTable.add(document, report, captions, bold);
        PdfOutcomeTable.add(document, report, baseline, captions, bold);
        if (PdfMeansFigure.hasPanels(report)) {
            document.add(PdfMeansFigure.figure(pdf, report, baseline, captions, regular, bold));
        }
        PdfPrespecified.add(document, report, captions, bold);
        PdfTables.blinding(document, report, captions, bold);
        PdfTables.attendance(document, report, bold);
        PdfRecruitment.sites(document, report, captions, bold);
        PdfSelectionBias.add(document, report.selectionBias(), captions, bold);
        PdfHarmsTable.add(document, report.harms(), captions, bold);
    }

    /** The baseline timepoint's name: the first timepoint with data counted, as the protocol lists baseline first. */
    private static String baselineLabel(ConsortReport report) {
        return report.outcomes().stream().flatMap(o -> o.arms().stream()).flatMap(a -> a.withData().keySet().stream())
                .findFirst().orElse("baseline");
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
