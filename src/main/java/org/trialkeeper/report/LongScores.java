package org.trialkeeper.report;

import org.apache.commons.csv.CSVPrinter;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.Scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The long scores export, written as the assessments arrive: one row for each assessment's
 * total and one for each of its subscales, as the protocol's rules scored them at entry. A score
 * that could not be computed (too many items unanswered) is a row with an empty value.
 * Participants whose data may not be used are left out.
 */
final class LongScores implements Consumer<AssessmentService.Scorecard> {

    static final List<String> HEADER = List.of("participant", "arm", "timepoint", "instrument", "score", "value",
            "prorated");
    static final String TOTAL = "total";

    private final Cohort people;
    private final CSVPrinter printer;
    private long rows;

    LongScores(Cohort people, CSVPrinter printer) {
        this.people = people;
        this.printer = printer;
    }

    @Override
    public void accept(AssessmentService.Scorecard card) {
        int person = people.indexOf(card.participantId());
        if (person < 0 || !people.keepData(person)) {
            return;
        }
        print(person, card, TOTAL, card.scores().total());
        for (Map.Entry<String, Scoring.Score> subscale : card.scores().subscales().entrySet()) {
            print(person, card, subscale.getKey(), subscale.getValue());
        }
    }

    long rows() {
        return rows;
    }

    private void print(int person, AssessmentService.Scorecard card, String score, Scoring.Score value) {
        String arm = people.arm(person);
        try {
            printer.printRecord(people.code(person), arm == null ? "" : arm, card.timepoint(), card.instrument(), score,
                    text(value.value()), value.prorated());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    /** A score as R and SPSS read it back: whole numbers without a decimal point, others in full; empty if none. */
    static String text(Double score) {
        if (score == null) {
            return "";
        }
        if (score == Math.rint(score) && Math.abs(score) < 1e15) {
            return Long.toString(score.longValue());
        }
        return Double.toString(score);
    }
}
