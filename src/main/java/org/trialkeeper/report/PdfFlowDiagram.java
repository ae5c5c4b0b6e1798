package org.trialkeeper.report;

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

import java.util.ArrayList;
import java.util.List;

/**
 * Page 1 of the report: the flow diagram's boxes joined by arrows, one column per arm, with
 * the stages named down the left. Long lines wrap inside their box, which grows to fit.
 */
final class PdfFlowDiagram {

    private static final float WIDTH = 523;
    /** Room enough for any diagram; the drawn one is cut to what it uses. */
    private static final float ROOM = 700;
    /** Boxes start right of the stages' labels. */
    private static final float LEFT = 70;
    private static final float BOX_WIDTH = 190;
    private static final float GAP = 10;
    private static final float BOX_FONT = 7.5f;
    private static final float LEADING = 9.5f;
    /** Reasons stand under their count; plain spaces at the start of a line would be dropped. */
    private static final String INDENT = "\u00a0\u00a0\u00a0\u00a0";
    private static final List<String> ARM_STAGES = List.of("Allocation", "Follow-up", "Analysis");

    private final float height;
    private final PdfFormXObject form;
    private final PdfCanvas canvas;
    private final PdfFont regular;
    private final PdfFont bold;

    private PdfFlowDiagram(PdfDocument pdf, PdfFont regular, PdfFont bold, float height) {
        this.height = height;
        this.form = new PdfFormXObject(new Rectangle(WIDTH, height));
        this.canvas = new PdfCanvas(form, pdf);
        this.regular = regular;
        this.bold = bold;
    }

    /**
     * Drawn twice: once in room enough to learn how tall it is, then at that height, so that the
     * figure's note fits under it on page 1.
     */
    static PdfFormXObject draw(PdfDocument pdf, ConsortBoxes boxes, PdfFont regular, PdfFont bold) {
        PdfFlowDiagram trial = new PdfFlowDiagram(pdf, regular, bold, ROOM);
        float bottom = trial.arms(boxes.arms(), trial.enrolment(boxes));
        trial.canvas.release();
        PdfFlowDiagram diagram = new PdfFlowDiagram(pdf, regular, bold, ROOM - bottom + 2);
        diagram.arms(boxes.arms(), diagram.enrolment(boxes));
        diagram.canvas.release();
        return diagram.form;
    }

    /** Where the arms branch off: under the middle of the randomised box. */
    private record Branch(float x, float y) {
    }

    /** The assessed box, the excluded box branching off to the right, and the randomised box below it. */
    private Branch enrolment(ConsortBoxes boxes) {
        float centre = LEFT + (WIDTH - LEFT) / 2;
        Rectangle assessed = box(centre - BOX_WIDTH / 2 - 60, height - 10, BOX_WIDTH, boxes.assessed());
        Rectangle excluded = box(centre + 20, assessed.getBottom() - 14, WIDTH - centre - 20, boxes.excluded());
        float spineX = assessed.getLeft() + assessed.getWidth() / 2;
        Rectangle randomised = box(spineX - BOX_WIDTH / 2, excluded.getBottom() - 14, BOX_WIDTH, boxes.randomised());
        arrow(spineX, assessed.getBottom(), spineX, randomised.getTop());
        float branchY = excluded.getBottom() + excluded.getHeight() / 2;
        line(spineX, branchY, excluded.getLeft() - 3, branchY);
        arrowHead(excluded.getLeft(), branchY, 1, 0);
        stage(assessed.getTop(), randomised.getBottom(), "Enrolment");
        return new Branch(spineX, randomised.getBottom());
    }

    /** Each stage's boxes side by side, the row below starting under the longest box above; answers the lowest edge. */
    private float arms(List<ConsortBoxes.Column> columns, Branch branch) {
        int arms = columns.size();
        float columnWidth = (WIDTH - LEFT - GAP * (arms - 1)) / arms;
        float split = branch.y() - 12;
        float[] bottoms = new float[arms];
        float[] stageTops = new float[ARM_STAGES.size()];
        float[] stageBottoms = new float[ARM_STAGES.size()];
        float top = branch.y() - 26;
        for (int stage = 0; stage < ARM_STAGES.size(); stage++) {
            float lowest = Float.MAX_VALUE;
            for (int i = 0; i < arms; i++) {
                float x = LEFT + i * (columnWidth + GAP);
                float centre = x + columnWidth / 2;
                Rectangle box = box(x, top, columnWidth, columns.get(i).boxes().get(stage));
                if (stage == 0) {
                    line(branch.x(), branch.y(), branch.x(), split);
                    line(branch.x(), split, centre, split);
                    arrow(centre, split, centre, box.getTop());
                } else {
                    arrow(centre, bottoms[i], centre, box.getTop());
                }
                bottoms[i] = box.getBottom();
                lowest = Math.min(lowest, box.getBottom());
            }
            stageTops[stage] = top;
            stageBottoms[stage] = lowest;
            top = lowest - 20;
        }
        for (int stage = 0; stage < ARM_STAGES.size(); stage++) {
            stage(stageTops[stage], stageBottoms[stage], ARM_STAGES.get(stage));
        }
        return stageBottoms[ARM_STAGES.size() - 1];
    }

    /** A box whose top edge is at {@code top}, as tall as its lines need once wrapped; headings in bold. */
    private Rectangle box(float x, float top, float width, ConsortBoxes.Box box) {
        List<Paragraph> wrapped = new ArrayList<>();
        for (ConsortBoxes.Line line : box.lines()) {
            PdfFont font = line.kind() == ConsortBoxes.Kind.HEADING ? bold : regular;
            for (String piece : wrap(line, width - 10)) {
                wrapped.add(new Paragraph(piece).setFont(font).setFontSize(BOX_FONT));
            }
        }
        float height = wrapped.size() * LEADING + 8;
        Rectangle rectangle = new Rectangle(x, top - height, width, height);
        canvas.setLineWidth(0.8f).setStrokeColor(ColorConstants.BLACK).rectangle(rectangle).stroke();
        try (Canvas text = new Canvas(canvas, form.getBBox().toRectangle())) {
            float y = top - 4 - BOX_FONT;
            for (Paragraph paragraph : wrapped) {
                text.showTextAligned(paragraph, x + 5, y, TextAlignment.LEFT, VerticalAlignment.BOTTOM);
                y -= LEADING;
            }
        }
        return rectangle;
    }

    /** A line broken into pieces no wider than the width; a part's or reason's pieces stay indented under it. */
    private List<String> wrap(ConsortBoxes.Line line, float width) {
        String indent = switch (line.kind()) {
            case PART -> "\u00a0\u00a0\u00a0";
            case REASON -> INDENT + "\u00a0\u00a0";
            case HEADING, COUNT -> "";
        };
        String first = switch (line.kind()) {
            case PART -> "- ";
            case REASON -> INDENT;
            case HEADING, COUNT -> "";
        };
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : (first + PdfText.latin1(line.text())).split(" ")) {
            String tried = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && regular.getWidth(tried, BOX_FONT) > width) {
                pieces.add(current.toString());
                current = new StringBuilder(indent + word);
            } else {
                current = new StringBuilder(tried);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }

    /** A stage's name on a grey band beside its boxes. */
    private void stage(float top, float bottom, String label) {
        float height = top - bottom;
        canvas.setFillColor(new DeviceGray(0.9f)).rectangle(0, bottom, 60, height).fill();
        canvas.setFillColor(ColorConstants.BLACK);
        try (Canvas text = new Canvas(canvas, form.getBBox().toRectangle())) {
            text.showTextAligned(new Paragraph(label).setFont(bold).setFontSize(8), 30, bottom + height / 2,
                    TextAlignment.CENTER, VerticalAlignment.MIDDLE);
        }
    }

    private void line(float x1, float y1, float x2, float y2) {
        canvas.setLineWidth(0.8f).moveTo(x1, y1).lineTo(x2, y2).stroke();
    }

    private void arrow(float x1, float y1, float x2, float y2) {
        line(x1, y1, x2, y2 + 3);
        arrowHead(x2, y2, 0, -1);
    }

    private void arrowHead(float x, float y, float dx, float dy) {
        float size = 4;
        canvas.setFillColor(ColorConstants.BLACK).moveTo(x, y)
                .lineTo(x - dx * size * 1.5f - dy * size, y - dy * size * 1.5f - dx * size)
                .lineTo(x - dx * size * 1.5f + dy * size, y - dy * size * 1.5f + dx * size)
                .closePath().fill();
    }
}
