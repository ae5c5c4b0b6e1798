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

import static org.trialkeeper.report.PdfText.latin1;

/**
 * One panel of Figure 2: an outcome's baseline and follow-up means with 95% CIs, one series per
 * group, on a value axis with round ticks and both axes labelled. The figure draws the one
 * legend for all its panels.
 */
final class PdfMeansChart {

    static final float WIDTH = 255;
    static final float HEIGHT = 165;
    static final Color[] SERIES = {new DeviceGray(0.1f), new DeviceGray(0.5f), new DeviceGray(0.7f)};
    private static final float PLOT_LEFT = 48;
    private static final float PLOT_BOTTOM = 34;
    private static final float PLOT_WIDTH = WIDTH - PLOT_LEFT - 8;
    private static final float PLOT_HEIGHT = HEIGHT - PLOT_BOTTOM - 28;

    private final PdfCanvas canvas;
    private final Canvas text;
    private final PdfFont font;
    private final PdfFont bold;
    private AxisScale scale;

    private PdfMeansChart(PdfCanvas canvas, Canvas text, PdfFont font, PdfFont bold) {
        this.canvas = canvas;
        this.text = text;
        this.font = font;
        this.bold = bold;
    }

    /** Whether the outcome has any mean to draw; a panel without one is left out of the figure. */
    static boolean hasData(OutcomeTable.Row row) {
        return AxisScale.of(row.arms()).isPresent();
    }

    static PdfFormXObject draw(PdfDocument pdf, OutcomeTable.Row row, String baselineLabel, PdfFont font, PdfFont bold) {
        PdfFormXObject form = new PdfFormXObject(new Rectangle(WIDTH, HEIGHT));
        PdfCanvas canvas = new PdfCanvas(form, pdf);
        try (Canvas text = new Canvas(canvas, new Rectangle(WIDTH, HEIGHT))) {
            new PdfMeansChart(canvas, text, font, bold).plot(row, baselineLabel);
        }
        canvas.release();
        return form;
    }

    private void plot(OutcomeTable.Row row, String baselineLabel) {
        scale = AxisScale.of(row.arms()).orElseThrow();
        text.showTextAligned(new Paragraph(latin1(row.label())).setFont(bold).setFontSize(7.5f).setWidth(WIDTH - 8)
                .setMultipliedLeading(1), 4, HEIGHT - 2, TextAlignment.LEFT, VerticalAlignment.TOP);
        canvas.setStrokeColor(ColorConstants.BLACK).setLineWidth(0.6f);
        line(PLOT_LEFT, PLOT_BOTTOM, PLOT_LEFT, PLOT_BOTTOM + PLOT_HEIGHT);
        line(PLOT_LEFT, PLOT_BOTTOM, PLOT_LEFT + PLOT_WIDTH, PLOT_BOTTOM);
        for (double tick : scale.ticks()) {
            float y = y(tick);
            line(PLOT_LEFT - 3, y, PLOT_LEFT, y);
            text.showTextAligned(new Paragraph(scale.label(tick)).setFont(font).setFontSize(6.5f), PLOT_LEFT - 5, y,
                    TextAlignment.RIGHT, VerticalAlignment.MIDDLE);
        }
        text.setFont(font).setFontSize(6.5f);
        text.showTextAligned("Mean score (95% CI)", 8, PLOT_BOTTOM + PLOT_HEIGHT / 2, TextAlignment.CENTER,
                VerticalAlignment.MIDDLE, (float) (Math.PI / 2));
        String[] times = {latin1(baselineLabel), latin1(row.timepoint())};
        for (int t = 0; t < 2; t++) {
            float x = x(t);
            line(x, PLOT_BOTTOM - 3, x, PLOT_BOTTOM);
            text.showTextAligned(new Paragraph(times[t]).setFont(font).setFontSize(6.5f), x, PLOT_BOTTOM - 5,
                    TextAlignment.CENTER, VerticalAlignment.TOP);
        }
        text.showTextAligned(new Paragraph("Timepoint").setFont(font).setFontSize(6.5f), PLOT_LEFT + PLOT_WIDTH / 2, 4,
                TextAlignment.CENTER, VerticalAlignment.BOTTOM);
        for (int g = 0; g < row.arms().size(); g++) {
            series(row.arms().get(g), g, row.arms().size());
        }
        canvas.setStrokeColor(ColorConstants.BLACK).setFillColor(ColorConstants.BLACK);
    }

    /** One group's two means with their CIs, joined by a dashed line. */
    private void series(OutcomeTable.ArmSummary arm, int g, int groups) {
        Color colour = SERIES[g % SERIES.length];
        float offset = (g - (groups - 1) / 2f) * 8;
        float[] previous = null;
        List<OutcomeTable.Summary> points = List.of(arm.baseline(), arm.post());
        for (int t = 0; t < 2; t++) {
            OutcomeTable.Summary s = points.get(t);
            if (s.mean() == null) {
                previous = null;
                continue;
            }
            float x = x(t) + offset;
            float y = y(s.mean());
            canvas.setStrokeColor(colour).setFillColor(colour);
            if (s.ciLower() != null) {
                float low = y(s.ciLower());
                float high = y(s.ciUpper());
                line(x, low, x, high);
                line(x - 2.5f, low, x + 2.5f, low);
                line(x - 2.5f, high, x + 2.5f, high);
            }
            marker(canvas, g, x, y);
            if (previous != null) {
                canvas.setLineDash(2, 2);
                line(previous[0], previous[1], x, y);
                canvas.setLineDash(0);
            }
            previous = new float[]{x, y};
        }
    }

    /** A group's marker: a filled circle, square or triangle, so that groups differ in grey print too. */
    static void marker(PdfCanvas canvas, int g, float x, float y) {
        switch (g % 3) {
            case 0 -> canvas.circle(x, y, 2.4f).fill();
            case 1 -> canvas.rectangle(x - 2.2f, y - 2.2f, 4.4f, 4.4f).fill();
            default -> canvas.moveTo(x, y + 2.8f).lineTo(x - 2.6f, y - 2f).lineTo(x + 2.6f, y - 2f).closePath().fill();
        }
    }

    private float x(int timepoint) {
        return PLOT_LEFT + PLOT_WIDTH * (timepoint == 0 ? 0.28f : 0.72f);
    }

    private float y(double value) {
        return (float) (PLOT_BOTTOM + PLOT_HEIGHT * (value - scale.min()) / (scale.max() - scale.min()));
    }

    private void line(float x1, float y1, float x2, float y2) {
        canvas.setLineWidth(0.7f).moveTo(x1, y1).lineTo(x2, y2).stroke();
    }
}
