package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.SelectionBias;

import java.util.List;

import static org.trialkeeper.report.PdfText.f2;
import static org.trialkeeper.report.PdfText.latin1;
import static org.trialkeeper.report.PdfText.p;

/** Berger and Exner's test of selection bias: each baseline measure on the convergence guess, within each arm. */
final class PdfSelectionBias {

    private static final List<String> HEADINGS = List.of("Baseline measure", "Arm", "n", "Slope", "SE", "t",
            "df", "p");

    private PdfSelectionBias() {
    }

    static void add(Document document, SelectionBias.Table selectionBias, Captions captions, PdfFont bold) {
        if (selectionBias == null) {
            return;
        }
        Table table = new Table(UnitValue.createPercentArray(new float[]{3.2f, 2.2f, 0.7f, 1.4f, 1, 1, 0.7f, 1}))
                .useAllAvailableWidth();
        table.addHeaderCell(PdfCells.header(HEADINGS.get(0), bold));
        table.addHeaderCell(PdfCells.header(HEADINGS.get(1), bold));
        HEADINGS.subList(2, HEADINGS.size()).forEach(h -> table.addHeaderCell(PdfCells.figuresHeader(h, bold)));
        for (SelectionBias.Row row : selectionBias.rows()) {
            table.addCell(PdfCells.cell(latin1(row.label())));
            table.addCell(PdfCells.cell(latin1(row.group())));
            table.addCell(PdfCells.number(Long.toString(row.n())));
            if (row.estimate() == null) {
                table.addCell(PdfCells.cell(latin1(row.reason())));
                for (int column = 4; column < HEADINGS.size(); column++) {
                    table.addCell(PdfCells.number("-"));
                }
                continue;
            }
            table.addCell(PdfCells.number(f2(row.estimate())));
            table.addCell(PdfCells.number(f2(row.standardError())));
            table.addCell(PdfCells.number(f2(row.t())));
            table.addCell(PdfCells.number(Integer.toString(row.df())));
            table.addCell(PdfCells.number(p(row.p())));
        }
        document.add(captions.table("Selection bias: baseline against the convergence guess (Berger-Exner)"));
        document.add(table);
        document.add(Captions.note("Within each arm, least-squares slope of the baseline measure on " + selectionBias.predictor()
                + ", from the allocations before each one in its list. Randomisation leaves the baseline flat against the"
                + " guess; a slope suggests that recruiters enrolled to suit the arm they expected."
                + " Everyone randomised with a value."));
    }
}
