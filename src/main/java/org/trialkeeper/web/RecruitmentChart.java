package org.trialkeeper.web;

import org.trialkeeper.followup.RecruitmentCurve;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recruitment over time as an SVG: cumulative randomisations overall and per site against the
 * target line, days along the x axis and round counts up the y axis.
 */
final class RecruitmentChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 48;
    private static final String[] DASHES = {"6 3", "2 3", "8 3 2 3", "1 2"};

    private RecruitmentChart() {
    }

    static String draw(List<RecruitmentCurve.Day> days, int target, LocalDate today) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " role=\"img\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT + legendHeight(days), WIDTH,
                HEIGHT + legendHeight(days)));
        svg.append("<title>Cumulative participants randomised over time, overall and per site, against the target of ")
                .append(target).append("</title>");
        if (days.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">Nobody has been randomised yet.</text></svg>",
                    LEFT, TOP + 20));
            return svg.toString();
        }
        LocalDate first = days.get(0).date();
        LocalDate last = today.isAfter(days.get(days.size() - 1).date()) ? today : days.get(days.size() - 1).date();
        if (!last.isAfter(first)) {
            last = first.plusDays(1);
        }
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        Map<String, TreeMap<LocalDate, Integer>> bySite = new TreeMap<>();
        TreeMap<LocalDate, Integer> overall = new TreeMap<>();
        for (RecruitmentCurve.Day day : days) {
            bySite.computeIfAbsent(day.site(), s -> new TreeMap<>()).merge(day.date(), day.randomised(), Integer::sum);
            overall.merge(day.date(), day.randomised(), Integer::sum);
        }
        int total = overall.values().stream().mapToInt(Integer::intValue).sum();
        int step = step(Math.max(total, target));
        int top = (int) Math.ceil(Math.max(total, target) / (double) step) * step;
        axes(svg, first, last, span, top, step);
        double targetY = y(target, top);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b00020\""
                + " stroke-dasharray=\"4 4\"/>", LEFT, targetY, WIDTH - RIGHT, targetY));
        Map<String, String> legend = new LinkedHashMap<>();
        legend.put("All sites", "");
        line(svg, overall, first, last, span, top, "#1f3a5f", 2.5, "");
        int i = 0;
        for (Map.Entry<String, TreeMap<LocalDate, Integer>> site : bySite.entrySet()) {
            String dash = DASHES[i++ % DASHES.length];
            legend.put(site.getKey(), dash);
            line(svg, site.getValue(), first, last, span, top, "#555", 1.2, dash);
        }
        legend(svg, legend, target);
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, LocalDate first, LocalDate last, long span, int top, int step) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>",
                LEFT, TOP, LEFT, bottom));
        for (int count = 0; count <= top; count += step) {
            double y = y(count, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, count));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\""
                + " text-anchor=\"middle\">Randomised (cumulative)</text>", (TOP + bottom) / 2, (TOP + bottom) / 2));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT, bottom + 16, first, WIDTH - RIGHT,
                bottom + 16, last));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Date of randomisation"
                + " (%d days)</text>", (LEFT + WIDTH - RIGHT) / 2, bottom + 34, span));
    }

    /** A step line of the running total, from zero before the first day to the total at the last. */
    private static void line(StringBuilder svg, TreeMap<LocalDate, Integer> perDay, LocalDate first, LocalDate last,
                             long span, int top, String colour, double width, String dash) {
        List<String> points = new ArrayList<>();
        int running = 0;
        points.add(point(x(first, first, span), y(0, top)));
        for (Map.Entry<LocalDate, Integer> day : perDay.entrySet()) {
            double x = x(day.getKey(), first, span);
            points.add(point(x, y(running, top)));
            running += day.getValue();
            points.add(point(x, y(running, top)));
        }
        points.add(point(x(last, first, span), y(running, top)));
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append(String.format(Locale.ROOT,
                "\" stroke-width=\"%.1f\"", width));
        if (!dash.isEmpty()) {
            svg.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        svg.append(" points=\"").append(String.join(" ", points)).append("\"/>");
    }

    private static void legend(StringBuilder svg, Map<String, String> lines, int target) {
        int y = HEIGHT + 4;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b00020\""
                + " stroke-dasharray=\"4 4\"/><text x=\"%d\" y=\"%d\">Target (%d)</text>", LEFT, y, LEFT + 28, y, LEFT + 34,
                y + 4, target));
        for (Map.Entry<String, String> line : lines.entrySet()) {
            y += 16;
            boolean overall = line.getValue().isEmpty();
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"%s\"%s/><text x=\"%d\" y=\"%d\">%s</text>", LEFT, y, LEFT + 28, y,
                    overall ? "#1f3a5f" : "#555", overall ? "2.5" : "1.2",
                    overall ? "" : " stroke-dasharray=\"" + line.getValue() + "\"", LEFT + 34, y + 4,
                    SvgText.escape(overall ? line.getKey() : "Site " + line.getKey())));
        }
    }

    private static int legendHeight(List<RecruitmentCurve.Day> days) {
        return days.isEmpty() ? 0 : 16 * (2 + (int) days.stream().map(RecruitmentCurve.Day::site).distinct().count());
    }

    /** A round step for counts up to {@code high}: 1, 2 or 5 times a power of ten, four to ten ticks. */
    static int step(int high) {
        int power = 1;
        while (true) {
            for (int multiple : new int[]{1, 2, 5}) {
                if (high / (multiple * power) <= 8) {
                    return multiple * power;
                }
            }
            power *= 10;
        }
    }

    private static double x(LocalDate day, LocalDate first, long span) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) ChronoUnit.DAYS.between(first, day) / span;
    }

    private static double y(int count, int top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - count / (double) Math.max(1, top));
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
    }
}
