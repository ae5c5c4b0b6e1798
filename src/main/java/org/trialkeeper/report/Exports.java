package org.trialkeeper.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The locked trial's data in long format, ready for R, SPSS or Stata: one row per participant,
 * and one row per item response. Responses of participants who withdrew consent without
 * allowing their data to be kept are left out.
 */
final class Exports {

    private Exports() {
    }

    /** @param numbers each randomised participant's allocation number, by participant id */
    static String participants(TrialSnapshot snapshot, Map<Long, Integer> numbers) {
        TrialData data = snapshot.data();
        List<String> header = new ArrayList<>(List.of("participant", "site", "screening", "failed_criteria", "arm",
                "allocation_number", "status", "keep_data", "per_protocol_excluded", "sessions_attended", "guess"));
        data.characteristics().forEach(c -> header.add(c.id()));
        Cohort people = data.people();
        return csv(header, printer -> {
            for (int p = 0; p < people.size(); p++) {
                Integer number = numbers.get(people.id(p));
                String arm = people.arm(p);
                Integer attended = people.sessionsAttended(p);
                Guess guess = people.guess(p);
                List<Object> row = new ArrayList<>(List.of(people.code(p), people.site(p), people.status(p).screening(),
                        String.join(";", people.failedCriteria(p)), arm == null ? "" : arm, number == null ? "" : number,
                        people.status(p), people.keepData(p), people.perProtocolExcluded(p),
                        attended == null ? "" : attended, guess == null ? "" : guess.code()));
                for (TrialData.Characteristic c : data.characteristics()) {
                    Object value = people.baseline(c.id(), p);
                    row.add(value == null ? "" : value);
                }
                printer.printRecord(row);
            }
        });
    }

    /** Every item response, except those of participants whose data may not be used. */
    static String assessments(TrialSnapshot snapshot, List<AssessmentService.Entered> entered) {
        Cohort people = snapshot.data().people();
        return csv(List.of("participant", "arm", "timepoint", "instrument", "item", "value"), printer -> {
            for (AssessmentService.Entered assessment : entered) {
                int participant = people.indexOf(assessment.participantId());
                if (participant < 0 || !people.keepData(participant)) {
                    continue;
                }
                String code = people.code(participant);
                for (int item = 0; item < assessment.responses().size(); item++) {
                    Integer value = assessment.responses().get(item);
                    printer.printRecord(code, people.arm(participant), assessment.timepoint(),
                            assessment.instrument(), item + 1, value == null ? "" : value);
                }
            }
        });
    }

    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static String csv(List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get())) {
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
