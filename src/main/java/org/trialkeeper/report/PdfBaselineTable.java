package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.BaselineTable;
import org.trialkeeper.analysis.ConsortReport;

import java.util.ArrayList;
import java.util.List;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.f2;
import static org.trialkeeper.report.PdfText.latin1;
import static org.trialkeeper.report.PdfText.p;

/**
 * Table 1: baseline characteristics by arm and overall, each column headed with its n; a
 * category's levels indented under it; the outcomes' baseline scores last, under their own
 * heading.
 */
final class PdfBaselineTable {

    private static final String INDENT = "\u00a0\u00a0\u00a0\u00a0";

    private PdfBaselineTable() {
    }

    static void add(Document document, ConsortReport report, Captions captions, PdfFont bold) {
        BaselineTable.Table baseline = report.baseline();
        boolean tests = baseline.rows().stream().anyMatch(r -> r.test() != null);
        int columns = baseline.columns().size() + (tests ? 2 : 1);
        float[] widths = new float[columns];
        java.util.Arrays.fill(widths, 1);
        widths[0] = 2.2f;
        Table table = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth();
        table.addHeaderCell(PdfCells.header("Characteristic", bold));
        baseline.columns().forEach(c -> table.addHeaderCell(PdfCells.figuresHeader(latin1(c.group()) + "\n(n = " + c.n() + ")",
                bold)));
        if (tests) {
            table.addHeaderCell(PdfCells.figuresHeader("Test", bold));
        }
        boolean outcomes = false;
        for (BaselineTable.Row row : baseline.rows()) {
            if (row.kind() == BaselineTable.Kind.OUTCOME && !outcomes) {
                table.addCell(PdfCells.section("Outcome scores at baseline", columns, bold));
                outcomes = true;
            }
            if (row.levels() == null) {
                table.addCell(PdfCells.cell(latin1(row.label()) + ", mean (SD)"));
                row.cells().forEach(c -> table.addCell(PdfCells.number(meanSd(c, columnN(baseline, c)))));
                test(table, row, tests);
            } else {
                table.addCell(PdfCells.cell(latin1(row.label()) + ", n (%)"));
                baseline.columns().forEach(c -> table.addCell(PdfCells.cell("")));
                test(table, row, tests);
                for (BaselineTable.Level level : row.levels()) {
                    table.addCell(PdfCells.cell(INDENT + latin1(level.label())));
                    level.cells().forEach(c -> table.addCell(PdfCells.number(c.count() + " (" + (c.percent() == null ? "-"
                            : f1(c.percent())) + ")")));
                    if (tests) {
                        table.addCell(PdfCells.cell(""));
                    }
                }
            }
        }
        document.add(captions.table(report.unblinded() ? "Baseline characteristics by arm" : "Baseline characteristics"));
        document.add(table);
        document.add(Captions.note(note(report, tests)));
    }

    private static long columnN(BaselineTable.Table baseline, BaselineTable.Cell cell) {
        return baseline.columns().stream().filter(c -> c.group().equals(cell.group())).mapToLong(BaselineTable.Column::n)
                .findFirst().orElse(cell.n());
    }

    private static String meanSd(BaselineTable.Cell c, long columnN) {
        if (c.mean() == null) {
            return "-";
        }
        return f1(c.mean()) + " (" + (c.sd() == null ? "-" : f1(c.sd())) + ")" + (c.n() < columnN ? " [n = " + c.n() + "]" : "");
    }

    private static void test(Table table, BaselineTable.Row row, boolean tests) {
        if (tests) {
            BaselineTable.Test t = row.test();
            table.addCell(PdfCells.cell(t == null ? "" : (t.name().startsWith("Welch") ? "t(" + f1(t.df()) + ")"
                    : "chi-square(" + Math.round(t.df()) + ")") + " = " + f2(t.statistic()) + ", " + p(t.p())));
        }
    }

    private static String note(ConsortReport report, boolean tests) {
        List<String> parts = new ArrayList<>();
        parts.add(report.unblinded() ? "Population: everyone randomised, by the arm allocated."
                : "Population: everyone randomised, all arms together (blinded interim report).");
        parts.add("Numeric characteristics and outcome scores are mean (SD) of those with a value; [n = ] gives that"
                + " number where some values are missing. Categories are n (%) of those with a value.");
        if (tests) {
            parts.add("Welch's t and Pearson's chi-square tests are shown because they were asked for; CONSORT advises"
                    + " against testing baseline differences in a randomised trial.");
        }
        return String.join(" ", parts);
    }
}
