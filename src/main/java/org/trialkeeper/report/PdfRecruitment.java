package org.trialkeeper.report;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.UnitValue;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Recruitment;

import java.util.ArrayList;
import java.util.List;

import static org.trialkeeper.report.PdfText.latin1;

/** When participants were recruited and followed up, in words, and how many each site screened and randomised, as a table. */
final class PdfRecruitment {

    private PdfRecruitment() {
    }

    /** The dates of recruitment and follow-up (CONSORT item 14a) as a sentence. */
    static void dates(Document document, ConsortReport report, PdfFont bold) {
        Recruitment r = report.recruitment();
        document.add(new Paragraph("Recruitment and follow-up").setFont(bold).setFontSize(11).setMarginTop(4));
        document.add(new Paragraph(r.firstRandomised() == null ? "No participant has been randomised yet."
                : "Participants were randomised from " + r.firstRandomised() + " to " + r.lastRandomised() + "; "
                + (r.lastFollowUp() == null ? "no follow-up assessment has been entered yet."
                : "the last follow-up assessment was entered on " + r.lastFollowUp() + ".")
                + " Dates are those recorded by the service (UTC)."));
    }

    static void sites(Document document, ConsortReport report, Captions captions, PdfFont bold) {
        Recruitment r = report.recruitment();
        List<String> headings = new ArrayList<>(List.of("Site", "Screened", "Randomised"));
        report.groups().forEach(g -> headings.add("Allocated to " + latin1(g)));
        Table table = new Table(UnitValue.createPercentArray(headings.size())).useAllAvailableWidth();
        table.addHeaderCell(PdfCells.header(headings.get(0), bold));
        headings.subList(1, headings.size()).forEach(h -> table.addHeaderCell(PdfCells.figuresHeader(h, bold)));
        long screened = 0;
        long randomised = 0;
        long[] allocated = new long[report.groups().size()];
        for (Recruitment.Site site : r.sites()) {
            table.addCell(PdfCells.cell(latin1(site.site())));
            table.addCell(PdfCells.number(Long.toString(site.screened())));
            table.addCell(PdfCells.number(Long.toString(site.randomised())));
            for (int g = 0; g < report.groups().size(); g++) {
                long n = site.allocated() == null ? 0 : site.allocated().getOrDefault(report.groups().get(g), 0L);
                allocated[g] += n;
                table.addCell(PdfCells.number(Long.toString(n)));
            }
            screened += site.screened();
            randomised += site.randomised();
        }
        if (r.sites().size() > 1) {
            table.addCell(PdfCells.section("All sites", 1, bold));
            table.addCell(PdfCells.number(Long.toString(screened)));
            table.addCell(PdfCells.number(Long.toString(randomised)));
            for (long n : allocated) {
                table.addCell(PdfCells.number(Long.toString(n)));
            }
        }
        document.add(captions.table("Participants by site"));
        document.add(table);
        document.add(Captions.note(report.unblinded() ? "Everyone screened at each site, those randomised, and by allocated arm."
                : "Everyone screened at each site and those randomised; allocations by arm are shown after the trial is LOCKED."));
    }
}
