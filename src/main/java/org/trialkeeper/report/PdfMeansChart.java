package org.trialkeeper.report;

import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.VerticalAlignment;
import org.trialkeeper.analysis.OutcomeTable;

import java.util.List;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.latin1;

/** One outcome's baseline and post means with 95% CIs, one series per group, with a legend to the right. */
final class PdfMeansChart {

    private static final float WIDTH = 500;
    private static final float HEIGHT = 130;
    private static final float PLOT_LEFT = 60;
    private static final float PLOT_BOTTOM = 22;
    private static final float PLOT_WIDTH = 260;
    private static final float PLOT_HEIGHT = HEIGHT - 40;
    private static final Color[] SERIES = {new DeviceGray(0.1f), new DeviceGray(0.55f), new DeviceGray(0.75f)};

    private final PdfCanvas canvas;
    private final Canvas text;
    private final PdfFont font;
    private double min;
    private double max;

    private PdfMeansChart(PdfCanvas canvas, Canvas text, PdfFont font) {
        this.canvas = canvas;
        this.text = text;
        this.font = font;
    }

    static PdfFormXObject draw(PdfDocument pdf, OutcomeTable.Row row, PdfFont font) {
        PdfFormXObject form = new PdfFormXObject(new Rectangle(WIDTH, HEIGHT));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        try (Canvas text = new Canvas(canvas, new Rectangle(WIDTH, HEIGHT))) {
            new PdfMeansChart(canvas, text, font).plot(row);
        }
        canvas.release();
        return form;
    }

    private void plot(OutcomeTable.Row row) {
        text.showTextAligned(new Paragraph(latin1(row.label())).setFont(font).setFontSize(8), PLOT_LEFT, HEIGHT - 8,
                TextAlignment.LEFT, VerticalAlignment.TOP);
        canvas.setStrokeColor(ColorConstants.BLACK).setLineWidth(0.6f).rectangle(PLOT_LEFT, PLOT_BOTTOM, PLOT_WIDTH, PLOT_HEIGHT)
                .stroke();
        if (!scale(row.arms())) {
            text.showTextAligned(new Paragraph("no data").setFont(font).setFontSize(8), PLOT_LEFT + PLOT_WIDTH / 2,
                    PLOT_BOTTOM + PLOT_HEIGHT / 2, TextAlignment.CENTER, VerticalAlignment.MIDDLE);
            return;
        }
        axes(row.timepoint());
        for (int g = 0; g < row.arms().size(); g++) {
            series(row.arms().get(g), g, row.arms().size());
        }
        canvas.setStrokeColor(ColorConstants.BLACK).setFillColor(ColorConstants.BLACK);
    }

    /** The value axis from every mean and CI with some room around them; false when there is no mean to show. */
    private boolean scale(List<OutcomeTable.ArmSummary> arms) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (OutcomeTable.ArmSummary arm : arms) {
            for (OutcomeTable.Summary s : List.of(arm.baseline(), arm.post())) {
                if (s.mean() != null) {
                    low = Math.min(low, s.ciLower() == null ? s.mean() : s.ciLower());
                    high = Math.max(high, s.ciUpper() == null ? s.mean() : s.ciUpper());
                }
            }
        }
        if (low == Double.MAX_VALUE) {
            return false;
        }
        double pad = Math.max((high - low) * 0.1, 0.5);
        min = low - pad;
        max = high + pad;
        return true;
    }

    private void axes(String timepoint) {
        for (int tick = 0; tick <= 4; tick++) {
            double value = min + (max - min) * tick / 4;
            float y = y(value);
            line(PLOT_LEFT - 3, y, PLOT_LEFT, y);
            text.showTextAligned(new Paragraph(f1(value)).setFont(font).setFontSize(7), PLOT_LEFT - 5, y,
                    TextAlignment.RIGHT, VerticalAlignment.MIDDLE);
        }
        String[] times = {"baseline", timepoint};
        for (int t = 0; t < 2; t++) {
            text.showTextAligned(new Paragraph(times[t]).setFont(font).setFontSize(7),
                    PLOT_LEFT + PLOT_WIDTH * (t == 0 ? 0.25f : 0.75f), PLOT_BOTTOM - 4, TextAlignment.CENTER, VerticalAlignment.TOP);
        }
    }

    /** One group's two means with their CIs, joined by a dashed line, and its legend entry. */
    private void series(OutcomeTable.ArmSummary arm, int g, int groups) {
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
            float x = PLOT_LEFT + PLOT_WIDTH * (t == 0 ? 0.25f : 0.75f) + offset;
            float y = y(s.mean());
            canvas.setStrokeColor(colour).setFillColor(colour);
            if (s.ciLower() != null) {
                float yl = y(s.ciLower());
                float yu = y(s.ciUpper());
                line(x, yl, x, yu);
                line(x - 3, yl, x + 3, yl);
                line(x - 3, yu, x + 3, yu);
            }
            canvas.circle(x, y, 2.5f).fill();
            if (previous != null) {
                canvas.setLineDash(2, 2);
                line(previous[0], previous[1], x, y);
                canvas.setLineDash(0);
            }
            previous = new float[]{x, y};
        }
        float legendY = HEIGHT - 26 - g * 12;
        canvas.setFillColor(colour).circle(PLOT_LEFT + PLOT_WIDTH + 20, legendY, 3).fill();
        text.showTextAligned(new Paragraph(latin1(arm.group()) + " (n = " + arm.analysed() + ")").setFont(font)
                .setFontSize(8).setFontColor(ColorConstants.BLACK), PLOT_LEFT + PLOT_WIDTH + 28, legendY, TextAlignment.LEFT,
                VerticalAlignment.MIDDLE);
    }

    private float y(double value) {
        return (float) (PLOT_BOTTOM + PLOT_HEIGHT * (value - min) / (max - min));
    }

    private void line(float x1, float y1, float x2, float y2) {
        canvas.setLineWidth(0.8f).moveTo(x1, y1).lineTo(x2, y2).stroke();
    }
}
