package org.trialkeeper.report;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LOCKED seed trial for the exports: one nurse screened out, eight randomised in blocks of
 * four, with baseline and post questionnaires, except that one has no post-test, one answered
 * a post QWL with two items blank (prorated total, unscorable payment subscale), one a baseline
 * CD-RISC with three blank (no total), and one withdrew consent to the use of their data.
 */
public final class ExportedTrial {

    public final RecruitingTrial trial;
    final List<Long> randomised = new ArrayList<>();
    final Map<Long, String> codes = new LinkedHashMap<>();
    final Map<Long, String> arms = new HashMap<>();
    final long withdrawn;
    final long withoutPost;

    public ExportedTrial(HttpClient http) {
        trial = new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("exports"),
                tree -> tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(4)))));
        trial.screen("N-0", "female", false, "given");
        for (int i = 0; i < 8; i++) {
            long id = trial.enrol("E-" + i, i % 2 == 0 ? "female" : "male");
            randomised.add(id);
            codes.put(id, "E-" + i);
            arms.put(id, (String) trial.randomise(id, "key-exports-" + id).get("arm"));
        }
        withoutPost = randomised.get(7);
        withdrawn = randomised.get(6);
        for (int i = 0; i < randomised.size(); i++) {
            long id = randomised.get(i);
            enter(id, i, "baseline", "QWL", 35, 1, 5, List.of());
            enter(id, i, "baseline", "CDRISC", 25, 0, 4, i == 1 ? List.of(3, 9, 20) : List.of());
            enter(id, i, "baseline", "CSS", 30, 1, 5, List.of());
            if (id != withoutPost) {
                enter(id, i, "post", "QWL", 35, 1, 5, i == 0 ? List.of(1, 2) : List.of());
                enter(id, i, "post", "CDRISC", 25, 0, 4, List.of());
                enter(id, i, "post", "CSS", 30, 1, 5, List.of());
            }
        }
        trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + withdrawn + "/events"), Map.of(
                "kind", "withdrew-consent", "date", LocalDate.now(ZoneOffset.UTC).toString(), "reason", "no longer wishes",
                "timepoint", "post", "keepData", false)), Map.class);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
    }

    /**
     * Over whole cycles of the items a sum linear in the item would be the same for everyone, so
     * the first two items differ by participant and timepoint, and the analyses have a spread to fit.
     */
    private static int answer(int person, String timepoint, int item) {
        return switch (item) {
            case 1 -> person * timepoint.length();
            case 2 -> person * person;
            default -> person * 3 + item * 7 + timepoint.length();
        };
    }

    /** Answers that differ by participant, timepoint and item, with the given items left blank. */
    private void enter(long id, int person, String timepoint, String instrument, int items, int min, int max,
                       List<Integer> blank) {
        List<Integer> responses = new ArrayList<>();
        for (int item = 1; item <= items; item++) {
            responses.add(blank.contains(item) ? null : min + answer(person, timepoint, item) % (max - min + 1));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("instrument", instrument);
        body.put("timepoint", timepoint);
        body.put("responses", responses);
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + id + "/assessments"), body), Map.class);
    }

    /** Every score the service holds for the participant, as "timepoint/instrument/score", null where it has none. */
    Map<String, Double> scores(long participantId) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Map<?, ?> assessment : trial.admin.retrieve(HttpRequest.GET(trial.path("/participants/" + participantId
                + "/assessments")), Argument.listOf(Map.class))) {
            String prefix = assessment.get("timepoint") + "/" + assessment.get("instrument") + "/";
            scores.put(prefix + "total", value(assessment.get("total")));
            ((Map<?, ?>) assessment.get("subscales")).forEach((subscale, score) -> scores.put(prefix + subscale, value(score)));
        }
        return scores;
    }

    private static Double value(Object score) {
        Object value = ((Map<?, ?>) score).get("value");
        return value == null ? null : ((Number) value).doubleValue();
    }

    String get(String export) {
        return trial.statistician.retrieve(HttpRequest.GET(trial.path("/exports/" + export)));
    }
}
