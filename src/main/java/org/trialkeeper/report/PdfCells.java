package org.trialkeeper.report;

import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.borders.SolidBorder;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.TextAlignment;

/**
 * The cells of the report's tables, ruled as journals rule them: a line above and below the
 * header and under the last row, none between columns.
 */
final class PdfCells {

    private static final float SIZE = 8;

    private PdfCells() {
    }

    static Cell header(String text, PdfFont bold) {
        return header(text, bold, 1);
    }

    static Cell header(String text, PdfFont bold, int columns) {
        return ruled(new Cell(1, columns).add(new Paragraph(text).setFont(bold).setFontSize(SIZE))
                .setBackgroundColor(new DeviceGray(0.93f)));
    }

    /** A heading over a column of figures, centred over them. */
    static Cell figuresHeader(String text, PdfFont bold) {
        return header(text, bold, 1).setTextAlignment(TextAlignment.CENTER);
    }

    static Cell cell(String text) {
        return plain(new Cell().add(new Paragraph(text).setFontSize(SIZE)));
    }

    static Cell cell(String text, int rows) {
        return plain(new Cell(rows, 1).add(new Paragraph(text).setFontSize(SIZE)));
    }

    /** A figure, centred under its column's heading. */
    static Cell number(String text) {
        return plain(new Cell().add(new Paragraph(text).setFontSize(SIZE)).setTextAlignment(TextAlignment.CENTER));
    }

    static Cell number(String text, int rows) {
        return plain(new Cell(rows, 1).add(new Paragraph(text).setFontSize(SIZE)).setTextAlignment(TextAlignment.CENTER));
    }

    /** A row across every column that names the rows under it. */
    static Cell section(String text, int columns, PdfFont bold) {
        return plain(new Cell(1, columns).add(new Paragraph(text).setFont(bold).setFontSize(SIZE)));
    }

    private static Cell ruled(Cell cell) {
        return cell.setBorder(Border.NO_BORDER).setBorderTop(new SolidBorder(0.8f)).setBorderBottom(new SolidBorder(0.8f));
    }

    private static Cell plain(Cell cell) {
        return cell.setBorder(Border.NO_BORDER).setBorderBottom(new SolidBorder(new DeviceGray(0.8f), 0.3f))
                .setPaddingTop(1.5f).setPaddingBottom(1.5f);
    }
}
