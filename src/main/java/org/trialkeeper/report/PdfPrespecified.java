package org.trialkeeper.report;

import com.itextpdf.kernel.colors.DeviceGray;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Estimate;
import org.trialkeeper.analysis.OutcomeTable;
import org.trialkeeper.analysis.Prespecified;
import org.trialkeeper.analysis.SampleSize;
import org.trialkeeper.analysis.Subgroups;

import java.util.List;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.f2;
import static org.trialkeeper.report.PdfText.latin1;
import static org.trialkeeper.report.PdfText.p;

/** The analyses the protocol planned beside the primary one, as one numbered table, and the sample-size reasoning. */
final class PdfPrespecified {

    private PdfPrespecified() {
    }

    static void add(Document document, ConsortReport report, Captions captions, PdfFont bold) {
        Prespecified planned = report.prespecified();
        if (planned == null) {
            return;
        }
        if (TableNumbers.hasPrespecifiedTable(report)) {
            document.add(captions.table("Pre-specified sensitivity and subgroup analyses"));
            Table table = new Table(UnitValue.createPercentArray(new float[]{24, 22, 8, 26, 20})).useAllAvailableWidth();
            for (String h : List.of("Analysis", "Outcome", "n", "Adjusted difference (95% CI)", "Test")) {
                table.addHeaderCell(new Cell().add(new Paragraph(h).setFont(bold).setFontSize(8))
                        .setBackgroundColor(new DeviceGray(0.9f)));
            }
            if (planned.perProtocol() != null) {
                planned.perProtocol().forEach(row -> perProtocol(table, row));
            }
            if (planned.subgroups() != null) {
                planned.subgroups().forEach(row -> subgroup(table, row));
            }
            document.add(new Div().setKeepTogether(true).add(table).add(Captions.note("Per-protocol: the primary analysis's participants less those excluded from the"
                    + " per-protocol analysis, ANCOVA of post on baseline and arm. Subgroups: post ~ baseline + arm * subgroup;"
                    + " the interaction's type III F, and each level's adjusted difference (intervention - control) from the"
                    + " same model; a level's n is intervention + control.")));
        } else if (planned.note() != null) {
            document.add(new Paragraph(latin1(planned.note())).setMarginTop(8));
        }
        if (planned.sampleSize() != null) {
            document.add(new Paragraph(sampleSize(planned.sampleSize())).setMarginTop(8));
        }
    }

    private static void perProtocol(Table table, OutcomeTable.Row row) {
        OutcomeTable.AncovaResult a = row.ancova();
        row(table, "Per-protocol", latin1(row.label()), a == null ? "-" : String.valueOf(a.n()),
                a == null ? latin1(row.ancovaMissingBecause()) : interval(a.difference()),
                a == null ? "" : "F(" + a.df1() + ", " + a.df2() + ") = " + f2(a.f()) + ", " + p(a.p()));
    }

    private static void subgroup(Table table, Subgroups.Row row) {
        String name = latin1(row.subgroupLabel());
        if (row.interaction() == null) {
            row(table, name + " by arm", latin1(row.label()), "-", latin1(row.missingBecause()), "");
            return;
        }
        Subgroups.Interaction i = row.interaction();
        row(table, name + " by arm interaction", latin1(row.label()), String.valueOf(row.n()), "",
                "F(" + i.df1() + ", " + i.df2() + ") = " + f2(i.f()) + ", " + p(i.p()));
        for (Subgroups.Level level : row.levels()) {
            row(table, name + ": " + latin1(level.label()), "", level.intervention() + " + " + level.control(),
                    level.difference() == null ? "not both arms" : interval(level.difference()),
                    level.p() == null ? "" : p(level.p()));
        }
    }

    private static void row(Table table, String... cells) {
        for (String text : cells) {
            table.addCell(new Cell().add(new Paragraph(text).setFontSize(8)));
        }
    }

    private static String interval(Estimate e) {
        return f2(e.value()) + " (" + f2(e.lower()) + " to " + f2(e.upper()) + ")";
    }

    private static String sampleSize(SampleSize.Result s) {
        return "Sample size (ANCOVA, normal approximation): to detect a difference of " + f2(s.difference())
                + " (SD " + f2(s.sd()) + ", baseline-post correlation " + f2(s.correlation()) + ") with power "
                + f2(s.power()) + " at two-sided alpha " + f2(s.alpha()) + ", " + s.analysedIntervention() + " and "
                + s.analysedControl() + " analysed, " + s.required() + " enrolled allowing for " + f1(100 * s.dropout())
                + "% dropout. The target of " + s.target() + " detects a difference of " + f2(s.detectableDifference())
                + " with that power (power " + f2(s.powerAtTarget()) + " for the planned difference).";
    }
}
