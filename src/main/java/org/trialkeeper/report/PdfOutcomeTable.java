package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Estimate;
import org.trialkeeper.analysis.OutcomeTable;

import java.util.ArrayList;
import java.util.List;

import static org.trialkeeper.report.PdfText.f2;
import static org.trialkeeper.report.PdfText.f3;
import static org.trialkeeper.report.PdfText.latin1;
import static org.trialkeeper.report.PdfText.p;

/**
 * Table 2: per outcome and arm the numbers with data, baseline and follow-up mean (SD) of those
 * analysed, and the ANCOVA beside them (adjusted difference with its 95% CI and the adjusted
 * means, F with its degrees of freedom, p, partial eta squared); the primary outcome's result
 * is also written out under the table. A blinded report has the descriptive columns only.
 */
final class PdfOutcomeTable {

    private PdfOutcomeTable() {
    }

    static void add(Document document, ConsortReport report, String baselineLabel, Captions captions, PdfFont bold) {
        boolean ancova = report.unblinded();
        Table table = new Table(UnitValue.createPercentArray(ancova ? new float[]{15, 9, 11, 11, 14, 16, 9, 6, 9}
                : new float[]{28, 18, 27, 27})).useAllAvailableWidth();
        table.addHeaderCell(PdfCells.header("Outcome and arm", bold));
        List<String> headings = new ArrayList<>(List.of("n (with data at " + latin1(baselineLabel) + "; follow-up)",
                "Baseline mean (SD)", "Follow-up mean (SD)"));
        if (ancova) {
            headings.addAll(List.of("Adjusted mean (95% CI)",
                    "Adjusted difference (95% CI); Hedges' g (95% CI)", "F (df)", "p", "Partial eta squared"));
        }
        headings.forEach(h -> table.addHeaderCell(PdfCells.figuresHeader(h, bold)));
        List<String> notes = new ArrayList<>();
        for (OutcomeTable.Row row : report.outcomes()) {
            int arms = row.arms().size();
            table.addCell(PdfCells.section(latin1(row.label()) + ", " + latin1(row.timepoint()) + (row.primary() ? " (primary)" : ""),
                    ancova ? 9 : 4, bold));
            boolean first = true;
            for (OutcomeTable.ArmSummary arm : row.arms()) {
                table.addCell(PdfCells.cell("\u00a0\u00a0\u00a0" + latin1(arm.group())));
                table.addCell(PdfCells.number(arm.analysed() + " (" + withData(arm, baselineLabel, row.timepoint()) + ")"));
                table.addCell(PdfCells.number(meanSd(arm.baseline())));
                table.addCell(PdfCells.number(meanSd(arm.post())));
                if (ancova) {
                    table.addCell(PdfCells.number(adjustedMean(row.ancova(), arm)));
                }
                if (ancova && first) {
                    ancova(table, row, arms);
                }
                first = false;
            }
            OutcomeTable.AncovaResult a = row.ancova();
            if (ancova && a == null && row.ancovaMissingBecause() != null) {
                notes.add(latin1(row.label()) + ": no ANCOVA, " + latin1(row.ancovaMissingBecause()) + ".");
            }
            if (a != null && a.slopes() != null) {
                notes.add(latin1(row.label()) + ": arm-by-baseline interaction F(1, " + a.slopes().df2() + ") = "
                        + f2(a.slopes().f()) + ", " + p(a.slopes().p()) + ", " + latin1(a.slopes().note()) + ".");
            }
        }
        document.add(captions.table(ancova ? "Outcomes by arm, with the baseline-adjusted comparison (ANCOVA)" : "Outcomes"));
        document.add(table);
        document.add(Captions.note(note(ancova) + (notes.isEmpty() ? "" : " " + String.join(" ", notes))));
        report.outcomes().stream().filter(r -> r.primary() && r.ancova() != null).findFirst()
                .ifPresent(primary -> document.add(new Paragraph(summary(primary)).setMarginTop(6)));
    }

    private static void ancova(Table table, OutcomeTable.Row row, int arms) {
        OutcomeTable.AncovaResult a = row.ancova();
        if (a == null) {
            for (int i = 0; i < 4; i++) {
                table.addCell(PdfCells.number("-", arms));
            }
            return;
        }
        table.addCell(PdfCells.number(f2(a.adjustedDifference()) + " (" + f2(a.differenceLower()) + " to "
                + f2(a.differenceUpper()) + ")" + (a.standardised() == null ? "" : "\ng = "
                + withInterval(a.standardised().estimate().value(), a.standardised().estimate())), arms));
        table.addCell(PdfCells.number(f2(a.f()) + " (" + a.df1() + ", " + a.df2() + ")", arms));
        table.addCell(PdfCells.number(p(a.p()).replace("p = ", "").replace("p ", ""), arms));
        table.addCell(PdfCells.number(f3(a.partialEtaSquared()), arms));
    }

    /** The arm's mean adjusted to the overall mean baseline, with its 95% CI; "-" without an ANCOVA. */
    private static String adjustedMean(OutcomeTable.AncovaResult a, OutcomeTable.ArmSummary arm) {
        if (a == null || arm.intervention() == null) {
            return "-";
        }
        return arm.intervention() ? withInterval(a.adjustedMeanIntervention(), a.interventionMean())
                : withInterval(a.adjustedMeanControl(), a.controlMean());
    }

    /** A figure with its 95% CI, or the figure alone where no interval could be computed. */
    private static String withInterval(double value, Estimate estimate) {
        return f2(value) + (estimate == null ? "" : " (" + f2(estimate.lower()) + " to " + f2(estimate.upper()) + ")");
    }

    /** The primary outcome's result in words, as a paper's results section gives it. */
    private static String summary(OutcomeTable.Row row) {
        OutcomeTable.AncovaResult a = row.ancova();
        return "Primary outcome, " + latin1(row.label()) + " (n = " + a.n() + "): adjusted difference (intervention - control) = "
                + f2(a.adjustedDifference()) + " (95% CI " + f2(a.differenceLower()) + " to " + f2(a.differenceUpper())
                + "), F(" + a.df1() + ", " + a.df2() + ") = " + f2(a.f()) + ", " + p(a.p()) + ", partial eta squared = "
                + f3(a.partialEtaSquared()) + (a.standardised() == null ? "" : ", Hedges' g = "
                + withInterval(a.standardised().estimate().value(), a.standardised().estimate()).replace("(", "(95% CI "))
                + ".";
    }

    private static String note(boolean ancova) {
        return ancova
                ? "Population: complete cases of each outcome (baseline and follow-up score), leaving out those excluded from"
                + " analysis and those who withdrew consent to the use of their data. Adjusted difference (intervention - control) and adjusted"
                + " means from the ANCOVA of the follow-up score on the baseline score and arm; F tests"
                + " the arm with 1 and n - 3 degrees of freedom; partial eta squared = SS arm / (SS arm + SS error)."
                + " Adjusted means at the overall mean baseline, their CIs and the difference's on the t distribution with"
                + " n - 3 degrees of freedom. Standardised effect: Hedges' g = J d, d the adjusted difference divided by the"
                + " pooled within-arm SD of the follow-up scores, J = 1 - 3 / (4 (n - 3) - 1), 95% CI g +/- 1.96 SE(g) with"
                + " SE(g) from n, the share of within-arm variance the baseline explains and d (Borenstein et al. 2009)."
                : "Population: everyone randomised with data, all arms together: the blinded interim report shows nothing by"
                + " arm and no comparison before the trial is LOCKED.";
    }

    private static String withData(OutcomeTable.ArmSummary arm, String baselineLabel, String timepoint) {
        return arm.withData().getOrDefault(baselineLabel, 0L) + "; " + arm.withData().getOrDefault(timepoint, 0L);
    }

    private static String meanSd(OutcomeTable.Summary s) {
        return s.mean() == null ? "-" : f2(s.mean()) + " (" + (s.sd() == null ? "-" : f2(s.sd())) + ")";
    }
}
