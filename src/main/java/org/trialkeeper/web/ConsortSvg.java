package org.trialkeeper.web;

import org.trialkeeper.report.ConsortBoxes;

import java.util.List;

/**
 * The CONSORT flow diagram as an SVG image for the investigator's page, drawn from the same boxes
 * as the PDF, with the stages named down the left. A line too long for its box wraps onto
 * further rows of the same text element, indented under its start, and the box grows to fit.
 */
public final class ConsortSvg {

    private static final int LINE = 15;
    private static final int WIDTH = 840;
    /** Boxes start right of the stages' labels. */
    private static final int LEFT = 90;
    private static final List<String> ARM_STAGES = List.of("Allocation", "Follow-up", "Analysis");

    private ConsortSvg() {
    }

    public static String draw(ConsortBoxes boxes) {
        StringBuilder svg = new StringBuilder();
        int spine = LEFT + 190;
        int assessedBottom = box(svg, spine - 120, 10, 240, boxes.assessed());
        int excludedTop = assessedBottom + 10;
        int excludedBottom = box(svg, spine + 150, excludedTop, WIDTH - spine - 160, boxes.excluded());
        int randomisedTop = excludedBottom + 15;
        int randomisedBottom = box(svg, spine - 120, randomisedTop, 240, boxes.randomised());
        arrow(svg, spine, assessedBottom, spine, randomisedTop);
        int branch = excludedTop + (excludedBottom - excludedTop) / 2;
        arrow(svg, spine, branch, spine + 150, branch);
        stage(svg, 10, randomisedBottom, "Enrolment");
        int height = arms(svg, boxes.arms(), spine, randomisedBottom);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + WIDTH + " " + height + "\" role=\"img\" aria-label=\"CONSORT flow diagram\" font-family=\"sans-serif\""
                + " font-size=\"11\"><defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\""
                + " orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>" + svg + "</svg>";
    }

    /** Each stage's boxes side by side under the randomised box; answers how tall the drawing is. */
    private static int arms(StringBuilder svg, List<ConsortBoxes.Column> columns, int spine, int randomisedBottom) {
        int arms = columns.size();
        int column = (WIDTH - LEFT - 10 - 10 * (arms - 1)) / arms;
        int[] bottoms = new int[arms];
        int top = randomisedBottom + 30;
        for (int stage = 0; stage < ARM_STAGES.size(); stage++) {
            int lowest = top;
            for (int a = 0; a < arms; a++) {
                int x = LEFT + a * (column + 10);
                int centre = x + column / 2;
                if (stage == 0) {
                    svg.append(line(spine, randomisedBottom, spine, randomisedBottom + 12))
                            .append(line(spine, randomisedBottom + 12, centre, randomisedBottom + 12));
                    arrow(svg, centre, randomisedBottom + 12, centre, top);
                } else {
                    arrow(svg, centre, bottoms[a], centre, top);
                }
                bottoms[a] = box(svg, x, top, column, columns.get(a).boxes().get(stage));
                lowest = Math.max(lowest, bottoms[a]);
            }
            stage(svg, top, lowest, ARM_STAGES.get(stage));
            top = lowest + 25;
        }
        return top;
    }

    /** Draws a box at (x, top) as tall as its wrapped lines, headings in bold and reasons indented; answers its bottom. */
    private static int box(StringBuilder svg, int x, int top, int width, ConsortBoxes.Box box) {
        StringBuilder text = new StringBuilder();
        int rows = 0;
        for (ConsortBoxes.Line line : box.lines()) {
            int indent = switch (line.kind()) {
                case REASON -> 18;
                case PART -> 12;
                case HEADING, COUNT -> 6;
            };
            String written = (line.kind() == ConsortBoxes.Kind.PART ? "- " : "") + line.text();
            List<String> pieces = SvgText.wrap(written, width - indent - 6);
            text.append("<text class=\"line\" x=\"").append(x + indent).append("\" y=\"").append(top + 16 + rows * LINE).append("\"")
                    .append(line.kind() == ConsortBoxes.Kind.HEADING ? " font-weight=\"bold\"" : "").append(">");
            for (int i = 0; i < pieces.size(); i++) {
                text.append("<tspan x=\"").append(x + indent + (i == 0 ? 0 : 10)).append("\" y=\"")
                        .append(top + 16 + (rows + i) * LINE).append("\">").append(SvgText.escape(pieces.get(i))).append("</tspan>");
            }
            text.append("</text>");
            rows += pieces.size();
        }
        int height = rows * LINE + 8;
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(top).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"white\" stroke=\"black\"/>").append(text);
        return top + height;
    }

    /** A stage's name on a grey band beside its boxes. */
    private static void stage(StringBuilder svg, int top, int bottom, String label) {
        svg.append("<rect x=\"0\" y=\"").append(top).append("\" width=\"").append(LEFT - 14).append("\" height=\"")
                .append(bottom - top).append("\" fill=\"#e6e6e6\"/><text class=\"stage\" x=\"").append((LEFT - 14) / 2)
                .append("\" y=\"").append((top + bottom) / 2 + 4).append("\" text-anchor=\"middle\" font-weight=\"bold\">")
                .append(label).append("</text>");
    }

    private static void arrow(StringBuilder svg, int x1, int y1, int x2, int y2) {
        boolean across = y1 == y2;
        svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(across ? x2 - 1 : x2)
                .append("\" y2=\"").append(across ? y2 : y2 - 1).append("\" stroke=\"black\" marker-end=\"url(#head)\"/>");
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"black\"/>";
    }
}
