package org.trialkeeper.report;

import org.apache.commons.csv.CSVPrinter;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.assessment.Scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The wide scores export: one row per randomised participant whose data may be used, in the
 * order of their ids, with every score of {@link ScoreColumns}, empty where there is none. The
 * assessments arrive in participant order, so one participant's scores are gathered at a time
 * and merged with everyone randomised, who also come in the order of their ids.
 */
final class WideScores implements Consumer<AssessmentService.Scorecard> {

    private final Cohort people;
    private final ScoreColumns columns;
    private final CSVPrinter printer;
    private int next;
    private int gathering = -1;
    private Double[] values;
    private long rows;

    WideScores(Cohort people, ScoreColumns columns, CSVPrinter printer) {
        this.people = people;
        this.columns = columns;
        this.printer = printer;
    }

    static List<String> header(ScoreColumns columns) {
        List<String> header = new ArrayList<>(List.of("participant", "site", "arm"));
        columns.all().forEach(column -> header.add(column.name()));
        return header;
    }

    @Override
    public void accept(AssessmentService.Scorecard card) {
        int person = people.indexOf(card.participantId());
        if (person < 0 || !exported(person)) {
            return;
        }
        if (person != gathering) {
            printUpTo(person);
            gathering = person;
            values = new Double[columns.all().size()];
        }
        put(card.timepoint(), card.instrument(), null, card.scores().total());
        for (Map.Entry<String, Scoring.Score> subscale : card.scores().subscales().entrySet()) {
            put(card.timepoint(), card.instrument(), subscale.getKey(), subscale.getValue());
        }
    }

    /** Prints the last participant gathered and everyone randomised after them. */
    void finish() {
        printUpTo(people.size());
    }

    long rows() {
        return rows;
    }

    private boolean exported(int person) {
        return people.randomised(person) && people.keepData(person);
    }

    private void put(String timepoint, String instrument, String subscale, Scoring.Score score) {
        int column = columns.indexOf(timepoint, instrument, subscale);
        if (column >= 0) {
            values[column] = score.value();
        }
    }

    /** Everyone exported before {@code person}: the one gathered with their scores, the others with none. */
    private void printUpTo(int person) {
        for (; next < person; next++) {
            if (exported(next)) {
                print(next, next == gathering ? values : new Double[columns.all().size()]);
            }
        }
    }

    private void print(int person, Double[] scores) {
        List<Object> row = new ArrayList<>(List.of(people.code(person), people.site(person), people.arm(person)));
        for (Double score : scores) {
            row.add(LongScores.text(score));
        }
        try {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }
}
