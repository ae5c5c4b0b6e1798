package org.trialkeeper.report;

import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.HarmsTable;

import java.util.Arrays;
import java.util.Map;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.latin1;

/** The harms table: adverse events by arm and in total, or pooled in a blinded interim report. */
final class PdfHarmsTable {

    private static final Map<String, String> MEASURES = Map.of(
            "participants-with-event", "Participants with at least one adverse event, n (%)",
            "participants-with-serious-event", "Participants with a serious adverse event, n (%)",
            "events", "Adverse events",
            "serious-events", "Serious adverse events",
            "events-by-severity", "Events by severity: ",
            "events-by-relatedness", "Events by relatedness to the intervention: ");

    private PdfHarmsTable() {
    }

    static void add(Document document, HarmsTable.Table harms, Captions captions, PdfFont bold) {
        if (harms == null) {
            return;
        }
        document.add(captions.table("Harms: adverse events"));
        int columns = harms.groups().size();
        float[] widths = new float[columns + 1];
        Arrays.fill(widths, 1);
        widths[0] = columns > 1 ? 2 : 1;
        Table table = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth();
        table.addHeaderCell(shaded("Adverse events", bold));
        for (int column = 0; column < columns; column++) {
            table.addHeaderCell(shaded(latin1(harms.groups().get(column)) + " (n = " + harms.participants().get(column) + ")",
                    bold));
        }
        for (HarmsTable.Row row : harms.rows()) {
            String measure = MEASURES.getOrDefault(row.measure(), row.measure());
            table.addCell(plain(row.level() == null ? measure : measure + row.level().replace('-', ' ')));
            for (int column = 0; column < columns; column++) {
                Double percent = row.percents() == null ? null : row.percents().get(column);
                table.addCell(plain(row.counts().get(column) + (row.percents() == null ? ""
                        : " (" + (percent == null ? "-" : f1(percent)) + "%)")));
            }
        }
        document.add(new Div().setKeepTogether(true).add(table).add(Captions.note(harms.note())));
    }

    private static Cell shaded(String text, PdfFont bold) {
        return new Cell().add(new Paragraph(text).setFont(bold).setFontSize(8)).setBackgroundColor(new DeviceGray(0.9f));
    }

    private static Cell plain(String text) {
        return new Cell().add(new Paragraph(text).setFontSize(8));
    }
}
