package org.trialkeeper.report;

import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import com.itextpdf.layout.borders.Border;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.OutcomeTable;

import java.util.List;

import static org.trialkeeper.report.PdfText.latin1;

/**
 * Figure 2: each outcome with data as a panel, two panels a row, under one legend of the groups,
 * with caption and note, kept on one page. Outcomes without a mean yet (early in a trial) get no
 * panel, and a report with none has no Figure 2.
 */
final class PdfMeansFigure {

    private PdfMeansFigure() {
    }

    static Div figure(PdfDocument pdf, ConsortReport report, String baselineLabel, Captions captions, PdfFont regular,
                      PdfFont bold) {
        List<OutcomeTable.Row> shown = report.outcomes().stream().filter(PdfMeansChart::hasData).toList();
        Div figure = new Div().setKeepTogether(true).setMarginTop(8);
        figure.add(captions.figure("Baseline and follow-up means with 95% confidence intervals"));
        figure.add(new Image(legend(pdf, shown.get(0).arms(), regular)));
        Table panels = new Table(UnitValue.createPercentArray(2)).useAllAvailableWidth();
        for (OutcomeTable.Row row : shown) {
            panels.addCell(new Cell().setBorder(Border.NO_BORDER).setPadding(2)
                    .add(new Image(PdfMeansChart.draw(pdf, row, baselineLabel, regular, bold)).setAutoScale(true)));
        }
        if (shown.size() % 2 == 1) {
            panels.addCell(new Cell().setBorder(Border.NO_BORDER));
        }
        figure.add(panels);
        figure.add(Captions.note((report.unblinded()
                ? "Participants analysed for each outcome (complete cases), by arm. "
                : "Participants with data, all arms together: the blinded interim report shows nothing by arm. ")
                + "Points are means, bars their 95% confidence intervals (t distribution); the dashed line joins an arm's"
                + " two means. Outcomes are named as in the protocol."));
        return figure;
    }

    /** Whether Figure 2 has a panel to show. */
    static boolean hasPanels(ConsortReport report) {
        return report.outcomes().stream().anyMatch(PdfMeansChart::hasData);
    }

    /** The groups' markers and names, once for every panel. */
    private static PdfFormXObject legend(PdfDocument pdf, List<OutcomeTable.ArmSummary> arms, PdfFont font) {
        float width = 520;
        float height = 14;
        PdfFormXObject form = new PdfFormXObject(new Rectangle(width, height));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        try (Canvas text = new Canvas(canvas, new Rectangle(width, height))) {
            float x = 6;
            for (int g = 0; g < arms.size(); g++) {
                canvas.setFillColor(PdfMeansChart.SERIES[g % PdfMeansChart.SERIES.length]);
                PdfMeansChart.marker(canvas, g, x, height / 2);
                String name = latin1(arms.get(g).group());
                text.showTextAligned(new Paragraph(name).setFont(font).setFontSize(8).setFontColor(ColorConstants.BLACK),
                        x + 7, height / 2, TextAlignment.LEFT, VerticalAlignment.MIDDLE);
                x += 30 + font.getWidth(name, 8);
            }
        }
        canvas.release();
        return form;
    }
}
