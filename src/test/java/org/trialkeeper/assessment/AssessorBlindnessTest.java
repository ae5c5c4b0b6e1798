package org.trialkeeper.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.PermissionTable;
import org.trialkeeper.support.RecruitingTrial;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blindness is a property of the whole API: the assessor calls every GET route the README
 * grants them, for two participants alike in everything but the arm (one allocated to Balint
 * groups, who attends sessions and is excluded per protocol; one on the waitlist, offered the
 * delayed intervention), and the answers must be the same but for the participants' own ids,
 * codes and times, and never name an arm.
 */
@MicronautTest(transactional = false)
class AssessorBlindnessTest {

    private static final List<String> ARM_WORDS = List.of("BALINT", "WAITLIST", "Balint group training",
            "Waitlist control", "\"arm\"", "armLabel", "attendance", "session", "waitlist", "per-protocol", "perProtocol");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void nothingAnAssessorCanReadDependsOnTheArm() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("blind")));
        Map<String, Long> byArm = new HashMap<>();
        Map<Long, String> codes = new HashMap<>();
        for (int i = 10; byArm.size() < 2; i++) {
            String code = "M-" + i;
            long id = trial.enrol(code, "female");
            codes.put(id, code);
            byArm.putIfAbsent((String) trial.randomise(id, "key-m" + i + "-blind").get("arm"), id);
        }
        long balint = byArm.get("BALINT");
        long waitlist = byArm.get("WAITLIST");
        for (long participant : List.of(balint, waitlist)) {
            for (String timepoint : List.of("baseline", "post")) {
                enter(trial, participant, "QWL", timepoint, 35, "dont-know");
                enter(trial, participant, "CDRISC", timepoint, 25, "dont-know");
                enter(trial, participant, "CSS", timepoint, 30, "dont-know");
            }
        }
        // what differs by arm: sessions and a per-protocol exclusion for one, the delayed intervention for the other
        for (int session = 1; session <= 3; session++) {
            trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + balint + "/attendance/" + session),
                    Map.of("present", session == 1)), Map.class);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String kind : List.of("delayed-intervention-offered", "delayed-intervention-started")) {
            trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + waitlist + "/events"),
                    Map.of("kind", kind, "date", today, "reason", "post-test complete")), Map.class);
        }

        List<String> routes = new ArrayList<>();
        PermissionTable.read().forEach((route, roles) -> {
            if (route.startsWith("GET ") && roles.get("ASSESSOR")) {
                routes.add(route.substring(4));
            }
        });
        assertTrue(routes.contains("/api/trials/{trialId}/worklist"), routes.toString());
        assertTrue(routes.contains("/api/trials/{trialId}/participants/{participantId}/assessments"), routes.toString());
        int compared = 0;
        for (String route : routes) {
            String path = route.replace("{trialId}", Long.toString(trial.id)).replace("{version}", "1")
                    + (route.endsWith("/assess") ? "?instrument=QWL&timepoint=post" : "");
            if (path.contains("{participantId}")) {
                String forBalint = normalised(get(trial, path.replace("{participantId}", Long.toString(balint))), codes);
                String forWaitlist = normalised(get(trial, path.replace("{participantId}", Long.toString(waitlist))), codes);
                assertEquals(forBalint, forWaitlist, route + " answers differently by arm");
                assertNoArm(route, forBalint);
                compared++;
            } else if (!route.contains("/protocol")) {
                // protocol documents describe the arms by design; they say nothing of any participant
                String answer = get(trial, path);
                assertNoArm(route, answer);
                if (route.endsWith("/worklist")) {
                    List<Map> entries = trial.assessor.retrieve(HttpRequest.GET(path), Argument.listOf(Map.class));
                    Map<Object, Map> byId = new HashMap<>();
                    entries.forEach(e -> byId.put(((Number) e.get("participantId")).longValue(), new HashMap<>(e)));
                    for (Map entry : List.of(byId.get(balint), byId.get(waitlist))) {
                        entry.remove("participantId");
                        entry.remove("code");
                    }
                    assertEquals(byId.get(balint), byId.get(waitlist), "the work list's entries differ by arm: " + answer);
                    List<String> order = entries.stream().map(e -> (String) e.get("code")).toList();
                    assertEquals(order.stream().sorted().toList(), order, "the work list is ordered by code, whatever the arms");
                }
            } else {
                assertFalse(get(trial, path).isEmpty());
            }
        }
        assertTrue(compared >= 1);

        // errors are the same too: a second entry, and an entry for an instrument not at the timepoint
        String duplicateBalint = normalised(problem(trial, balint, "QWL", "post", 35), codes);
        String duplicateWaitlist = normalised(problem(trial, waitlist, "QWL", "post", 35), codes);
        assertEquals(duplicateBalint, duplicateWaitlist);
        assertNoArm("a duplicate entry", duplicateBalint);
        assertEquals(normalised(problem(trial, balint, "QWL", "post", 3), codes),
                normalised(problem(trial, waitlist, "QWL", "post", 3), codes));
    }

    private static void enter(RecruitingTrial trial, long participant, String instrument, String timepoint, int items,
                              String guess) {
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                Map.of("instrument", instrument, "timepoint", timepoint, "responses", Collections.nCopies(items, 3),
                        "guess", guess)), Map.class);
    }

    private static String get(RecruitingTrial trial, String path) {
        return trial.assessor.retrieve(HttpRequest.GET(path));
    }

    private static String problem(RecruitingTrial trial, long participant, String instrument, String timepoint, int items) {
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> enter(trial, participant, instrument, timepoint, items, "control"));
        assertTrue(e.getStatus() == HttpStatus.CONFLICT || e.getStatus() == HttpStatus.BAD_REQUEST);
        return e.getResponse().getBody(String.class).orElseThrow();
    }

    /** The participants' own ids, codes and the service's ids and times replaced, so that only what could depend on the arm is left. */
    private static String normalised(String json, Map<Long, String> codes) {
        String text = json;
        for (Map.Entry<Long, String> participant : codes.entrySet()) {
            text = text.replaceAll("(?<![\\w-])" + java.util.regex.Pattern.quote(participant.getValue()) + "(?![\\w-])", "<code>")
                    .replace("/participants/" + participant.getKey() + "/", "/participants/<participant>/");
        }
        return text.replaceAll("\"participantId\":\\d+", "\"participantId\":0")
                .replaceAll("\"id\":\\d+", "\"id\":0")
                    .replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"\"")
                // an entered assessment's page names it, by an id given in order of entry, not by arm
                .replaceAll("name=\"assessmentId\" value=\"\\d+\"", "name=\"assessmentId\" value=\"0\"")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
                .replaceAll("data-expires-in=\"\\d+\"", "data-expires-in=\"0\"");
    }

    private static void assertNoArm(String route, String answer) {
        for (String word : ARM_WORDS) {
            assertFalse(answer.contains(word), route + " holds '" + word + "': " + answer);
        }
    }
}
