package org.trialkeeper.report;

import java.util.Locale;

/** How the PDF writes text and numbers: only standard PDF fonts are used, so text is kept to their character set. */
final class PdfText {

    private PdfText() {
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** "p = 0.123", or "p < 0.001". */
    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /** Text in the standard fonts' character set: anything else becomes '?'. */
    static String latin1(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.append(c >= 32 && c < 127 || c >= 160 && c <= 255 ? (char) c : '?'));
        return out.toString();
    }
}
