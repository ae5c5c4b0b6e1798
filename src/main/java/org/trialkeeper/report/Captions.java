package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Text;

import static org.trialkeeper.report.PdfText.latin1;

/**
 * Numbers the report's figures and tables in the order they appear, as a journal does: "Figure
 * 1.", "Table 1.", each caption in bold; a note under a table or figure says its population and
 * method in smaller type.
 */
final class Captions {

    private final PdfFont bold;
    private int figures;
    private int tables;

    Captions(PdfFont bold) {
        this.bold = bold;
    }

    Paragraph figure(String title) {
        return caption("Figure " + ++figures + ". ", title);
    }

    Paragraph table(String title) {
        return caption("Table " + ++tables + ". ", title);
    }

    private Paragraph caption(String number, String title) {
        return new Paragraph().add(new Text(number).setFont(bold)).add(new Text(latin1(title)).setFont(bold))
                .setFontSize(9.5f).setMarginTop(10).setMarginBottom(3).setKeepWithNext(true);
    }

    static Paragraph note(String text) {
        return new Paragraph(latin1(text)).setFontSize(7.5f).setMarginTop(2).setMultipliedLeading(1.1f);
    }
}
