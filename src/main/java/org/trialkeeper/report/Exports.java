package org.trialkeeper.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
        return csv(header, printer -> {
            for (Map.Entry<Long, TrialData.Person> participant : snapshot.participants().entrySet()) {
                TrialData.Person p = participant.getValue();
                Integer number = numbers.get(participant.getKey());
                List<Object> row = new ArrayList<>(List.of(p.code(), p.site(), p.status().screening(),
                        String.join(";", p.failedCriteria()), p.arm() == null ? "" : p.arm(), number == null ? "" : number,
                        p.status(), p.keepData(), p.perProtocolExcluded(),
                        p.sessionsAttended() == null ? "" : p.sessionsAttended(), p.guess() == null ? "" : p.guess().code()));
                data.characteristics().forEach(c -> row.add(p.baseline().getOrDefault(c.id(), "")));
                printer.printRecord(row);
            }
        });
    }

    /** Every item response, except those of participants whose data may not be used. */
    static String assessments(TrialSnapshot snapshot, List<AssessmentService.Entered> entered) {
        Map<Long, TrialData.Person> participants = snapshot.participants();
        return csv(List.of("participant", "arm", "timepoint", "instrument", "item", "value"), printer -> {
            for (AssessmentService.Entered assessment : entered) {
                TrialData.Person participant = participants.get(assessment.participantId());
                if (participant == null || !participant.keepData()) {
                    continue;
                }
                for (int item = 0; item < assessment.responses().size(); item++) {
                    Integer value = assessment.responses().get(item);
                    printer.printRecord(participant.code(), participant.arm(), assessment.timepoint(),
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
