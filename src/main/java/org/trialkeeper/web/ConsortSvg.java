package org.trialkeeper.web;

import org.trialkeeper.report.ConsortBoxes;

import java.util.List;

/** The CONSORT flow diagram as an SVG image for the investigator's page, drawn from the same boxes as the PDF. */
public final class ConsortSvg {

    private static final int LINE = 15;
    private static final int WIDTH = 760;

    private ConsortSvg() {
    }

    public static String draw(ConsortBoxes boxes) {
        StringBuilder svg = new StringBuilder();
        int assessedBottom = box(svg, 180, 10, 220, boxes.assessed());
        int excludedBottom = box(svg, 430, assessedBottom + 10, 320, boxes.excluded());
        int randomisedTop = excludedBottom + 15;
        int randomisedBottom = box(svg, 180, randomisedTop, 220, boxes.randomised());
        arrow(svg, 290, assessedBottom, 290, randomisedTop);
        int branch = assessedBottom + 10 + (excludedBottom - assessedBottom - 10) / 2;
        svg.append(line(290, branch, 430, branch));
        int height = arms(svg, boxes.arms(), randomisedBottom);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + WIDTH + " " + height + "\" role=\"img\" aria-label=\"CONSORT flow diagram\" font-family=\"sans-serif\""
                + " font-size=\"11\"><defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\""
                + " orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>" + svg + "</svg>";
    }

    /** Each stage's boxes side by side under the randomised box; answers how tall the drawing is. */
    private static int arms(StringBuilder svg, List<ConsortBoxes.Column> columns, int randomisedBottom) {
        int arms = columns.size();
        int column = (WIDTH - 20 - 10 * (arms - 1)) / arms;
        int[] bottoms = new int[arms];
        int top = randomisedBottom + 30;
        for (int stage = 0; stage < 3; stage++) {
            int lowest = top;
            for (int a = 0; a < arms; a++) {
                int x = 10 + a * (column + 10);
                int centre = x + column / 2;
                if (stage == 0) {
                    svg.append(line(290, randomisedBottom, 290, randomisedBottom + 12))
                            .append(line(290, randomisedBottom + 12, centre, randomisedBottom + 12));
                    arrow(svg, centre, randomisedBottom + 12, centre, top);
                } else {
                    arrow(svg, centre, bottoms[a], centre, top);
                }
                bottoms[a] = box(svg, x, top, column, columns.get(a).boxes().get(stage));
                lowest = Math.max(lowest, bottoms[a]);
            }
            top = lowest + 25;
        }
        return top;
    }

    /** Draws a box at (x, top) as tall as its lines, headings in bold and reasons indented; answers its bottom. */
    private static int box(StringBuilder svg, int x, int top, int width, ConsortBoxes.Box box) {
        List<ConsortBoxes.Line> lines = box.lines();
        int height = lines.size() * LINE + 8;
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(top).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"white\" stroke=\"black\"/>");
        for (int i = 0; i < lines.size(); i++) {
            ConsortBoxes.Line line = lines.get(i);
            svg.append("<text x=\"").append(x + (line.kind() == ConsortBoxes.Kind.REASON ? 18 : 6)).append("\" y=\"")
                    .append(top + 16 + i * LINE).append("\"")
                    .append(line.kind() == ConsortBoxes.Kind.HEADING ? " font-weight=\"bold\"" : "").append(">")
                    .append(line.kind() == ConsortBoxes.Kind.PART ? "- " : "").append(escape(line.text())).append("</text>");
        }
        return top + height;
    }

    private static void arrow(StringBuilder svg, int x1, int y1, int x2, int y2) {
        svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2).append("\" y2=\"")
                .append(y2 - 1).append("\" stroke=\"black\" marker-end=\"url(#head)\"/>");
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"black\"/>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
