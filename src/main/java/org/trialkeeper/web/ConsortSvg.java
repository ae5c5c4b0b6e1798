package org.trialkeeper.web;

import org.trialkeeper.analysis.ConsortFlow;

import java.util.ArrayList;
import java.util.List;

/** The CONSORT flow diagram as an SVG image for the investigator's page; the PDF draws the same boxes. */
final class ConsortSvg {

    private static final int LINE = 15;
    private static final int WIDTH = 760;

    private ConsortSvg() {
    }

    static String draw(ConsortFlow.Flow flow) {
        StringBuilder svg = new StringBuilder();
        int arms = flow.arms().size();
        List<String> excluded = new ArrayList<>();
        excluded.add("Excluded (n = " + flow.excluded().total() + ")");
        excluded.add("Not meeting inclusion criteria (n = " + flow.excluded().notMeetingCriteria() + ")");
        flow.excluded().criteria().forEach(r -> excluded.add("  " + r.reason() + " (n = " + r.n() + ")"));
        excluded.add("Declined to participate (n = " + flow.excluded().declined() + ")");
        excluded.add("Other reasons (n = " + flow.excluded().otherReasons() + ")");
        int y = 10;
        int assessedBottom = box(svg, 180, y, 220, List.of("Assessed for eligibility (n = " + flow.assessed() + ")"));
        int excludedBottom = box(svg, 430, assessedBottom + 10, 320, excluded);
        int randomisedTop = excludedBottom + 15;
        int randomisedBottom = box(svg, 180, randomisedTop, 220, List.of("Randomised (n = " + flow.randomised() + ")"));
        arrow(svg, 290, assessedBottom, 290, randomisedTop);
        int branch = assessedBottom + 10 + (excludedBottom - assessedBottom - 10) / 2;
        svg.append(line(290, branch, 430, branch));
        int column = (WIDTH - 20 - 10 * (arms - 1)) / arms;
        int[] bottoms = new int[arms];
        List<List<List<String>>> stages = new ArrayList<>();
        for (ConsortFlow.ArmFlow arm : flow.arms()) {
            List<String> allocation = new ArrayList<>(List.of("Allocated to " + arm.label() + " (n = " + arm.allocated() + ")",
                    "Received allocated intervention (n = " + arm.received() + ")",
                    "Did not receive allocated intervention (n = " + arm.didNotReceive() + ")"));
            arm.didNotReceiveReasons().forEach(r -> allocation.add("  " + r.reason() + " (n = " + r.n() + ")"));
            List<String> follow = new ArrayList<>(List.of("Lost to follow-up (n = " + arm.lostToFollowUp() + ")"));
            arm.lostReasons().forEach(r -> follow.add("  " + r.reason() + " (n = " + r.n() + ")"));
            follow.add("Discontinued intervention (n = " + arm.discontinued() + ")");
            arm.discontinuedReasons().forEach(r -> follow.add("  " + r.reason() + " (n = " + r.n() + ")"));
            follow.add("Withdrew consent (n = " + arm.withdrew() + ")");
            List<String> analysis = new ArrayList<>(List.of("Analysed (n = " + arm.analysed() + ")",
                    "Excluded from analysis (n = " + arm.excludedFromAnalysis() + ")"));
            arm.exclusionReasons().forEach(r -> analysis.add("  " + r.reason() + " (n = " + r.n() + ")"));
            stages.add(List.of(allocation, follow, analysis));
        }
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
                bottoms[a] = box(svg, x, top, column, stages.get(a).get(stage));
                lowest = Math.max(lowest, bottoms[a]);
            }
            top = lowest + 25;
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + top + "\" viewBox=\"0 0 "
                + WIDTH + " " + top + "\" role=\"img\" aria-label=\"CONSORT flow diagram\" font-family=\"sans-serif\""
                + " font-size=\"11\"><defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\""
                + " orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>" + svg + "</svg>";
    }

    /** Draws a box at (x, top) as tall as its lines; answers its bottom. */
    private static int box(StringBuilder svg, int x, int top, int width, List<String> lines) {
        int height = lines.size() * LINE + 8;
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(top).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" fill=\"white\" stroke=\"black\"/>");
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<text x=\"").append(x + 6).append("\" y=\"").append(top + 16 + i * LINE).append("\"")
                    .append(i == 0 ? " font-weight=\"bold\"" : "").append(">").append(escape(lines.get(i))).append("</text>");
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
