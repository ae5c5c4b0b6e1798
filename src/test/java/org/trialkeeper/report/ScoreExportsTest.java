package org.trialkeeper.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.analysis.CohortBuilder;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService.Scorecard;
import org.trialkeeper.assessment.Scoring;
import org.trialkeeper.protocol.ProtocolFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScoreExportsTest {

    private static final ScoreColumns COLUMNS = ScoreColumns.of(ProtocolFiles.seedVariant(tree -> { }));

    /** Ids 0 to 5: 0 never randomised, 3 withdrew their data; 1 and 5 have no assessments. */
    private static final Cohort PEOPLE = CohortBuilder.of(List.of(), List.of(person("S-0", null, true),
            person("S-1", "BALINT", true), person("S-2", "WAITLIST", true), person("S-3", "BALINT", false),
            person("S-4", "WAITLIST", true), person("S-5", "BALINT", true)));

    private static final List<Scorecard> CARDS = List.of(
            card(0, "baseline", "QWL", 90.0, Map.of()),
            card(2, "baseline", "QWL", 100.0, Map.of("payment", new Scoring.Score(12.5, true, null))),
            card(2, "post", "QWL", 110.0, Map.of()),
            card(3, "baseline", "QWL", 95.0, Map.of()),
            card(4, "post", "CDRISC", 50.0, Map.of("control", new Scoring.Score(null, false, "2 of 3 items unanswered"))));

    @Test
    void theWideFileHasEveryoneRandomisedWhoseDataMayBeUsedWithOrWithoutScores() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = printer(out, WideScores.header(COLUMNS))) {
            WideScores wide = new WideScores(PEOPLE, COLUMNS, printer);
            CARDS.forEach(wide);
            wide.finish();
            assertEquals(4, wide.rows());
        }
        List<CSVRecord> rows = records(out.toString());
        assertEquals(List.of("S-1", "S-2", "S-4", "S-5"), rows.stream().map(r -> r.get("participant")).toList());
        assertEquals(Set.of(""), Set.copyOf(rows.get(0).toList().subList(3, rows.get(0).size())));
        assertEquals("100", rows.get(1).get("baseline_QWL_total"));
        assertEquals("12.5", rows.get(1).get("baseline_QWL_payment"));
        assertEquals("110", rows.get(1).get("post_QWL_total"));
        assertEquals("", rows.get(1).get("post_CDRISC_total"));
        assertEquals("50", rows.get(2).get("post_CDRISC_total"));
        assertEquals("", rows.get(2).get("post_CDRISC_control"), "a score that could not be computed is empty");
        assertEquals("WAITLIST", rows.get(2).get("arm"));
        assertEquals(Set.of(""), Set.copyOf(rows.get(3).toList().subList(3, rows.get(3).size())));
    }

    @Test
    void theLongFileHasEveryScoreOfEveryAssessmentExceptOfThoseWhoseDataMayNotBeUsed() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = printer(out, LongScores.HEADER)) {
            LongScores scores = new LongScores(PEOPLE, printer);
            CARDS.forEach(scores);
            assertEquals(6, scores.rows());
        }
        List<List<String>> rows = records(out.toString()).stream().map(CSVRecord::toList).toList();
        assertEquals(List.of(
                List.of("S-0", "", "baseline", "QWL", "total", "90", "false"),
                List.of("S-2", "WAITLIST", "baseline", "QWL", "total", "100", "false"),
                List.of("S-2", "WAITLIST", "baseline", "QWL", "payment", "12.5", "true"),
                List.of("S-2", "WAITLIST", "post", "QWL", "total", "110", "false"),
                List.of("S-4", "WAITLIST", "post", "CDRISC", "total", "50", "false"),
                List.of("S-4", "WAITLIST", "post", "CDRISC", "control", "", "false")), rows);
    }

    @Test
    void aScoreIsWrittenAsRAndSpssReadItBack() {
        assertEquals("105", LongScores.text(105.0));
        assertEquals("104.28571428571429", LongScores.text(730.0 / 7));
        assertEquals("", LongScores.text(null));
    }

    @Test
    void columnNamesAreLettersDigitsAndUnderscoresAndNeverTwiceTheSame() {
        Set<String> taken = new java.util.HashSet<>();
        assertEquals("post_QWL_social_relation", ScoreColumns.unique("post_QWL_social-relation", taken));
        assertEquals("post_QWL_social_relation_2", ScoreColumns.unique("post_QWL_social_relation", taken));
        assertEquals("v3m_X_total", ScoreColumns.unique("3m_X_total", taken));
    }

    private static TrialData.Person person(String code, String arm, boolean keepData) {
        return new TrialData.Person(code, "RAZI", List.of(), arm, arm == null ? Status.ENROLLED : Status.RANDOMISED,
                List.of(), keepData, Map.of(), Map.of(), null, null, false);
    }

    private static Scorecard card(long id, String timepoint, String instrument, Double total, Map<String, Scoring.Score> subscales) {
        return new Scorecard(id, timepoint, instrument,
                new Scoring.Scores(new Scoring.Score(total, false, null), new LinkedHashMap<>(subscales)));
    }

    private static CSVPrinter printer(StringWriter out, List<String> header) throws IOException {
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }
}
