package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;

import static org.trialkeeper.report.PdfText.latin1;

/** The filled CONSORT 2025 checklist on the report's last pages: one row per item, under its section. */
final class PdfChecklist {

    private PdfChecklist() {
    }

    static void add(Document document, ConsortChecklist checklist, PdfFont bold) {
        document.add(new AreaBreak());
        document.add(new Paragraph(checklist.guideline() + " checklist").setFont(bold).setFontSize(12).setMarginBottom(2));
        document.add(Captions.note("Each item in this project's words, and where it is answered: in this report (its figures and"
                + " tables), in the protocol the trial was registered with, by how the service ran the trial, or by the"
                + " authors, who write what no record holds. Items are numbered as in CONSORT 2025."));
        Table table = new Table(UnitValue.createPercentArray(new float[]{6, 17, 35, 42})).useAllAvailableWidth();
        for (String heading : new String[]{"Item", "Topic", "Asks for", "Answered"}) {
            table.addHeaderCell(PdfCells.header(heading, bold));
        }
        String section = null;
        for (ConsortChecklist.Item item : checklist.items()) {
            if (!item.section().equals(section)) {
                section = item.section();
                table.addCell(PdfCells.section(section, 4, bold));
            }
            table.addCell(PdfCells.cell(item.item()));
            table.addCell(PdfCells.cell(latin1(item.topic())));
            table.addCell(PdfCells.cell(latin1(item.asks())));
            table.addCell(PdfCells.cell(source(item.source()) + latin1(item.where())));
        }
        document.add(table);
    }

    private static String source(ConsortChecklist.Source source) {
        return switch (source) {
            case REPORT -> "This report: ";
            case PROTOCOL -> "Protocol: ";
            case SERVICE -> "The service: ";
            case AUTHORS -> "";
        };
    }
}
