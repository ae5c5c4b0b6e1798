package org.trialkeeper.report;

import org.trialkeeper.analysis.ConsortFlow;

import java.util.ArrayList;
import java.util.List;

/**
 * The CONSORT flow diagram's boxes and their lines of text, in one wording: what the PDF and
 * the web page's SVG both draw, so that the two say the same. Enrolment has three boxes; each
 * arm has a column of three, for allocation, follow-up and analysis. Everyone is in exactly one
 * line of each stage: the allocation box's parts add up to its heading, and so do the analysis
 * box's, where someone lost to follow-up or withdrawn is not listed again among the exclusions.
 */
public record ConsortBoxes(Box assessed, Box excluded, Box randomised, List<Column> arms) {

    /** How a line stands in its box; each rendering shows the kinds its own way. */
    public enum Kind {
        /** the box's own count, shown in bold */
        HEADING,
        /** a count of its own, in a box whose counts are side by side */
        COUNT,
        /** a part of the heading's count */
        PART,
        /** why, under the count above */
        REASON
    }

    public record Line(Kind kind, String text) {
    }

    public record Box(List<Line> lines) {
    }

    /** One arm's boxes, top to bottom. */
    public record Column(Box allocation, Box followUp, Box analysis) {

        public List<Box> boxes() {
            return List.of(allocation, followUp, analysis);
        }
    }

    static final String ANALYSED = "Analysed for the primary outcome";
    /** Those lost or withdrawn are counted at follow-up with their reasons; here they are only not analysed. */
    static final String NOT_ANALYSED_AFTER_LEAVING = "Not analysed, lost or withdrew as above";

    public static ConsortBoxes of(ConsortFlow.Flow flow, Wording wording) {
        ConsortFlow.Excluded excluded = flow.excluded();
        return new ConsortBoxes(new Lines().heading("Assessed for eligibility", flow.assessed()).box(),
                new Lines().heading("Excluded", excluded.total())
                        .part(wording.labels().notMeetingCriteria(), excluded.notMeetingCriteria()).reasons(excluded.criteria())
                        .part("Declined to participate", excluded.declined())
                        .part("Other reasons", excluded.otherReasons()).box(),
                new Lines().heading(wording.labels().randomised(), flow.randomised()).box(),
                flow.arms().stream().map(ConsortBoxes::column).toList());
    }

    private static Column column(ConsortFlow.ArmFlow arm) {
        return new Column(new Lines().heading("Allocated to " + arm.label(), arm.allocated())
                .part("Received allocated intervention", arm.received())
                .part("Did not receive allocated intervention", arm.didNotReceive()).reasons(arm.didNotReceiveReasons())
                .partIfAny("Receipt not recorded", arm.receiptNotRecorded()).box(),
                new Lines().count("Lost to follow-up", arm.lostToFollowUp()).reasons(arm.lostReasons())
                        .count("Discontinued intervention", arm.discontinued()).reasons(arm.discontinuedReasons())
                        .count("Withdrew consent", arm.withdrew()).reasons(arm.withdrewReasons()).box(),
                new Lines().heading(ANALYSED, arm.analysed())
                        .part("Excluded from analysis", arm.excludedFromAnalysis()).reasons(arm.exclusionReasons())
                        .partIfAny(NOT_ANALYSED_AFTER_LEAVING, arm.notAnalysedAfterLeaving()).box());
    }

    /** A box's lines as they are added, each count written as "what (n = count)". */
    private static final class Lines {
        private final List<Line> lines = new ArrayList<>();

        Lines heading(String what, long n) {
            return add(Kind.HEADING, what, n);
        }

        Lines count(String what, long n) {
            return add(Kind.COUNT, what, n);
        }

        Lines part(String what, long n) {
            return add(Kind.PART, what, n);
        }

        /** A part shown only when someone is in it, for what the template itself has no line. */
        Lines partIfAny(String what, long n) {
            return n == 0 ? this : part(what, n);
        }

        Lines reasons(List<ConsortFlow.Reason> reasons) {
            reasons.forEach(r -> add(Kind.REASON, r.reason(), r.n()));
            return this;
        }

        private Lines add(Kind kind, String what, long n) {
            lines.add(new Line(kind, what + " (n = " + n + ")"));
            return this;
        }

        Box box() {
            return new Box(List.copyOf(lines));
        }
    }
}
