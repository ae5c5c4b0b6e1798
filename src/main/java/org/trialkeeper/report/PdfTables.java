package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Estimate;
import org.trialkeeper.analysis.Guess;

import static org.trialkeeper.report.PdfText.f1;
import static org.trialkeeper.report.PdfText.f3;
import static org.trialkeeper.report.PdfText.latin1;

/**
 * The assessors' guesses as a numbered table with the blinding indices under it, then
 * attendance and unblindings.
 */
final class PdfTables {

    private PdfTables() {
    }

    static void blinding(Document document, ConsortReport report, Captions captions, PdfFont bold) {
        ConsortReport.Blinding b = report.blinding();
        document.add(captions.table("Blinding of outcome assessment: the assessors' guesses of the arm"));
        Table guesses = new Table(UnitValue.createPercentArray(b.counts().size() + 1)).setWidth(UnitValue.createPercentValue(60));
        guesses.addHeaderCell(PdfCells.header("Guess", bold));
        b.counts().keySet().forEach(truth -> guesses.addHeaderCell(PdfCells.figuresHeader(truth.equals("all") ? "All participants"
                : "In the " + truth + " arm", bold)));
        for (Guess guess : Guess.values()) {
            guesses.addCell(PdfCells.cell(guess == Guess.DONT_KNOW ? "Don't know" : "The " + guess.code() + " arm"));
            b.counts().values().forEach(byGuess -> guesses.addCell(PdfCells.number(Long.toString(byGuess.getOrDefault(guess.code(), 0L)))));
        }
        document.add(guesses);
        document.add(Captions.note("Assessors' answers to \"which arm do you think this participant is in?\", given with the"
                + " follow-up assessment: " + b.guesses() + " participants."));
        if (b.james() != null) {
            document.add(new Paragraph("James' blinding index " + estimate(b.james())).setMargin(1));
        }
        if (b.bangIntervention() != null) {
            document.add(new Paragraph("Bang's blinding index, intervention arm " + estimate(b.bangIntervention())).setMargin(1));
        }
        if (b.bangControl() != null) {
            document.add(new Paragraph("Bang's blinding index, control arm " + estimate(b.bangControl())).setMargin(1));
        }
        document.add(new Paragraph(latin1(b.note())).setFontSize(8));
    }

    static void attendance(Document document, ConsortReport report, PdfFont bold) {
        document.add(new Paragraph("Attendance and unblinding").setFont(bold).setFontSize(11).setMarginTop(10));
        ConsortReport.Attendance a = report.attendance();
        document.add(new Paragraph(a.participants() == 0 ? "No attendance recorded (" + a.sessions() + " sessions planned)."
                : "Sessions attended of " + a.sessions() + ", among " + a.participants() + " participants with attendance "
                + "recorded: median " + f1(a.median()) + ", range " + a.fewest() + " to " + a.most() + ".").setMargin(1));
        document.add(new Paragraph("Excluded from the per-protocol analysis: " + a.perProtocolExcluded() + ".").setMargin(1));
        document.add(new Paragraph("Emergency unblindings: " + report.emergencyUnblindings() + ".").setMargin(1));
    }

    private static String estimate(Estimate e) {
        return f3(e.value()) + " (SE " + f3(e.standardError()) + ", 95% CI " + f3(e.lower()) + " to " + f3(e.upper()) + ")";
    }
}
