package org.trialkeeper.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Text in an SVG drawn for a browser, whose font the service cannot measure: widths are
 * estimated a little wide for an 11 px sans-serif, so that a wrapped line never reaches the edge
 * of its box.
 */
final class SvgText {

    private SvgText() {
    }

    /** The text broken at spaces into pieces no wider than the width; a word longer than the width stands alone. */
    static List<String> wrap(String text, int width) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String tried = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && width(tried) > width) {
                pieces.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(tried);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }

    /** Estimated width in pixels at 11 px: narrow letters and punctuation, capitals and wide letters, the rest. */
    static double width(String text) {
        double width = 0;
        for (char c : text.toCharArray()) {
            if ("iljtf.,:;'|!() ".indexOf(c) >= 0) {
                width += 3.4;
            } else if (Character.isUpperCase(c) || c == 'm' || c == 'w' || c == '%') {
                width += 8.6;
            } else {
                width += 6.4;
            }
        }
        return width;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
