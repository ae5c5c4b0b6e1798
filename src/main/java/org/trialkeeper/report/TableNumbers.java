package org.trialkeeper.report;

import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.analysis.Prespecified;

/**
 * The numbers the PDF gives its tables, in the order it adds them: baseline and outcomes first,
 * then the pre-specified analyses when there are any to show, the assessors' guesses, the sites,
 * the test of selection bias and the harms. The checklist points at tables by these numbers, so
 * the two cannot disagree.
 *
 * @param prespecified  null when the report has no per-protocol or subgroup analysis to show
 * @param selectionBias null when the report has no test of selection bias (before LOCK)
 * @param harms         null when the report has no harms table
 */
record TableNumbers(Integer prespecified, int blinding, int sites, Integer selectionBias, Integer harms) {

    static final int BASELINE = 1;
    static final int OUTCOMES = 2;

    static TableNumbers of(ConsortReport report) {
        int next = OUTCOMES + 1;
        Integer prespecified = hasPrespecifiedTable(report) ? next++ : null;
        int blinding = next++;
        int sites = next++;
        Integer selectionBias = report.selectionBias() == null ? null : next++;
        Integer harms = report.harms() == null ? null : next;
        return new TableNumbers(prespecified, blinding, sites, selectionBias, harms);
    }

    static boolean hasPrespecifiedTable(ConsortReport report) {
        Prespecified planned = report.prespecified();
        return planned != null && (planned.perProtocol() != null || planned.subgroups() != null);
    }
}
