package org.trialkeeper.harms;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Adverse events as the HTTP tests record and read them. */
final class AdverseEvents {

    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    private AdverseEvents() {
    }

    /** The seed trial in blocks of two, notifying the roles given (the protocol's default if null). */
    static RecruitingTrial trial(HttpClient http, List<String> notify) {
        return new RecruitingTrial(http, ProtocolFiles.seedVariantYaml(Api.unique("harms"), tree -> {
            tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2)));
            if (notify != null) {
                tree.put("harms", Map.of("notify", notify));
            }
        }));
    }

    static Map<String, Object> event(boolean serious, String relatedness) {
        Map<String, Object> body = new HashMap<>(Map.of("onset", TODAY, "description", "fainted at work",
                "serious", serious, "severity", "moderate", "relatedness", relatedness, "outcome", "recovering"));
        body.put("criteria", serious ? List.of("hospitalisation") : List.of());
        return body;
    }

    static Map<?, ?> record(RecruitingTrial trial, long participant, Map<String, Object> body) {
        return trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/adverse-events"),
                body), Map.class);
    }

    static List<Map<String, Object>> notices(Api reader, RecruitingTrial trial, String query) {
        return reader.retrieve(HttpRequest.GET(trial.path("/serious-adverse-events" + query)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    static Set<String> rules(Map<String, Object> problem) {
        return ((List<?>) problem.get("violations")).stream().map(v -> ((Map<?, ?>) v).get("field") + " "
                + ((Map<?, ?>) v).get("rule")).collect(Collectors.toSet());
    }
}
