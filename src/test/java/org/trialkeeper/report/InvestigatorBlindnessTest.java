package org.trialkeeper.report;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
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

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Before LOCKED, investigators and statisticians are as blind as the assessor. Two participants
 * alike in everything but the arm (one in Balint groups, who attends sessions and is excluded per
 * protocol; one on the waitlist, offered and started on the delayed intervention): every GET route
 * and page the README grants either role must answer the same for both but for their own ids,
 * codes and times, and never name an arm. What is about the whole trial (the audit view, the list
 * of participants) must say the same of both; what is counted (progress, the interim report in
 * JSON, PDF and SVG) is pooled over the arms.
 */
@MicronautTest(transactional = false)
class InvestigatorBlindnessTest {

    /** What names an arm, or tells the arms apart under neutral labels. */
    private static final List<String> ARM_NAMES = List.of("BALINT", "WAITLIST", "Balint group training",
            "Waitlist control", "Arm A", "Arm B", "\"arm\"", "armLabel");
    /** What only one arm has: said of one participant, it names their arm. */
    private static final List<String> ARM_ONLY = List.of("attendance", "session", "per-protocol", "perProtocol",
            "delayed-intervention", "waitlist");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void beforeLockNothingAnInvestigatorOrStatisticianCanReadDependsOnTheArm() throws Exception {
        Twins twins = twins();
        for (String role : List.of("INVESTIGATOR", "STATISTICIAN")) {
            Api reader = role.equals("INVESTIGATOR") ? twins.trial.investigator : twins.trial.statistician;
            List<String> routes = new ArrayList<>();
            PermissionTable.read().forEach((route, roles) -> {
                if (route.startsWith("GET ") && roles.get(role)) {
                    routes.add(route.substring(4));
                }
            });
            assertTrue(routes.contains("/api/trials/{trialId}/reports/consort.json"), routes.toString());
            assertTrue(routes.contains("/app/trials/{trialId}/consort.svg"), routes.toString());
            assertTrue(routes.contains("/app/trials/{trialId}/participants/{participantId}/unblinding"), routes.toString());
            for (String route : routes) {
                check(twins, reader, role, route);
            }
        }
    }

    private void check(Twins twins, Api reader, String role, String route) throws IOException {
        String path = route.replace("{trialId}", Long.toString(twins.trial.id)).replace("{version}", "1");
        String where = role + " " + route;
        if (path.contains("{participantId}")) {
            String forBalint = twins.normalised(get(reader, path.replace("{participantId}", Long.toString(twins.balint))));
            String forWaitlist = twins.normalised(get(reader, path.replace("{participantId}", Long.toString(twins.waitlist))));
            assertEquals(forBalint, forWaitlist, where + " answers differently by arm");
            assertNone(where, forBalint, ARM_NAMES);
            assertNone(where, forBalint, ARM_ONLY);
        } else if (path.contains("/protocol") || path.contains("/registry-record")) {
            // protocol documents, and the registry record built from the protocol alone, describe the arms by design;
            // they say nothing of any participant
            assertFalse(get(reader, path).isEmpty(), where);
        } else if (path.endsWith("/audit")) {
            auditSaysTheSameOfBoth(twins, reader, path);
        } else if (path.endsWith("/participants")) {
            listSaysTheSameOfBoth(twins, reader, path);
        } else if (path.endsWith(".pdf")) {
            String text = RenderedPdf.text(reader.exchange(HttpRequest.GET(path), byte[].class).body());
            assertNone(where, text, ARM_NAMES);
            assertTrue(text.contains("pooled"), text);
        } else {
            String answer = get(reader, path);
            assertNone(where, answer, ARM_NAMES);
            if (path.endsWith("/consort.json")) {
                reportIsPooled(reader.retrieve(HttpRequest.GET(path), Map.class));
            } else if (path.endsWith("/consort.svg")) {
                assertEquals(1, answer.split("Allocated to", -1).length - 1, "one pooled column: " + answer);
            }
        }
    }

    /** Every figure of the interim report is of everyone randomised together; none is by arm. */
    @SuppressWarnings("unchecked")
    private static void reportIsPooled(Map<String, Object> document) {
        Map<String, Object> report = (Map<String, Object>) document.get("report");
        assertEquals(false, report.get("unblinded"));
        assertEquals(List.of(), report.get("groups"), report.toString());
        Map<String, Object> flow = (Map<String, Object>) report.get("flow");
        List<Map<String, Object>> arms = (List<Map<String, Object>>) flow.get("arms");
        assertEquals(1, arms.size(), flow.toString());
        assertEquals(flow.get("randomised"), arms.get(0).get("allocated"));
        Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
        assertEquals(List.of("Overall"), ((List<Map<String, Object>>) baseline.get("columns")).stream()
                .map(column -> column.get("group")).toList(), baseline.toString());
        for (Map<String, Object> row : (List<Map<String, Object>>) baseline.get("rows")) {
            List<Map<String, Object>> levels = (List<Map<String, Object>>) row.get("levels");
            for (Object cells : levels == null ? List.of(row.get("cells")) : levels.stream().map(l -> l.get("cells")).toList()) {
                assertEquals(List.of("Overall"), ((List<Map<String, Object>>) cells).stream()
                        .map(cell -> cell.get("group")).toList(), row.toString());
            }
        }
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get("outcomes")) {
            assertEquals(List.of("All"), ((List<Map<String, Object>>) row.get("arms")).stream()
                    .map(arm -> arm.get("group")).toList(), row.toString());
            assertNull(row.get("ancova"));
        }
        assertEquals(List.of("all"), List.copyOf(((Map<String, Object>) ((Map<String, Object>) report.get("blinding"))
                .get("counts")).keySet()));
    }

    /**
     * The records that concern each twin, without their numbers and times, are the same; a record
     * that reveals an allocation names no participant, entity, value or reason.
     */
    @SuppressWarnings("unchecked")
    private static void auditSaysTheSameOfBoth(Twins twins, Api reader, String path) {
        List<Map> records = reader.retrieve(HttpRequest.GET(path), Argument.listOf(Map.class));
        Map<Long, List<String>> concerning = new HashMap<>(Map.of(twins.balint, new ArrayList<>(),
                twins.waitlist, new ArrayList<>()));
        for (Map<String, Object> record : records) {
            assertNone("the audit view", record.toString(), ARM_NAMES);
            if (Boolean.TRUE.equals(record.get("redacted"))) {
                for (String field : List.of("entityId", "before", "after", "reason")) {
                    Object value = record.get(field);
                    assertTrue(value == null || value.toString().startsWith("[redacted"), field + " of " + record);
                }
            }
            concerning.forEach((id, list) -> {
                if (twins.concerns(record, id)) {
                    Map<String, Object> shown = new LinkedHashMap<>(record);
                    List.of("seq", "chainSeq", "recordedAt", "entityId").forEach(shown::remove);
                    list.add(twins.normalised(shown.toString()));
                }
            });
        }
        assertFalse(concerning.get(twins.balint).isEmpty());
        assertEquals(concerning.get(twins.balint), concerning.get(twins.waitlist), "the audit view differs by arm");
    }

    @SuppressWarnings("unchecked")
    private static void listSaysTheSameOfBoth(Twins twins, Api reader, String path) {
        String answer = get(reader, path);
        assertNone("the participants", answer, ARM_NAMES);
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> entry : reader.retrieve(HttpRequest.GET(path), Argument.listOf(Map.class))) {
            Map<String, Object> shown = new HashMap<>(entry);
            List.of("id", "code", "screenedAt").forEach(shown::remove);
            byId.put(((Number) entry.get("id")).longValue(), shown);
        }
        assertEquals(byId.get(twins.balint), byId.get(twins.waitlist), "the participants differ by arm: " + answer);
    }

    /** A recruiting trial of the seed protocol with one participant randomised to each arm, and what differs by arm recorded. */
    private Twins twins() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("twins")));
        Map<String, Long> byArm = new HashMap<>();
        Map<Long, String> codes = new HashMap<>();
        for (int i = 10; byArm.size() < 2; i++) {
            long id = trial.enrol("T-" + i, "female");
            codes.put(id, "T-" + i);
            byArm.putIfAbsent((String) trial.randomise(id, "key-t" + i + "-twins").get("arm"), id);
        }
        Twins twins = new Twins(trial, byArm.get("BALINT"), byArm.get("WAITLIST"), codes);
        for (long participant : List.of(twins.balint, twins.waitlist)) {
            for (String timepoint : List.of("baseline", "post")) {
                enter(trial, participant, "QWL", timepoint, 35);
                enter(trial, participant, "CDRISC", timepoint, 25);
                enter(trial, participant, "CSS", timepoint, 30);
            }
        }
        // two absences of three sessions exclude from the per-protocol analysis
        for (int session = 1; session <= 3; session++) {
            trial.coordinator.retrieve(HttpRequest.PUT(trial.path("/participants/" + twins.balint + "/attendance/" + session),
                    Map.of("present", session == 1)), Map.class);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String kind : List.of("delayed-intervention-offered", "delayed-intervention-started")) {
            trial.coordinator.retrieve(HttpRequest.POST(trial.path("/participants/" + twins.waitlist + "/events"),
                    Map.of("kind", kind, "date", today, "reason", "post-test complete")), Map.class);
        }
        return twins;
    }

    private static void enter(RecruitingTrial trial, long participant, String instrument, String timepoint, int items) {
        trial.assessor.retrieve(HttpRequest.POST(trial.path("/participants/" + participant + "/assessments"),
                Map.of("instrument", instrument, "timepoint", timepoint, "responses", Collections.nCopies(items, 3),
                        "guess", "dont-know")), Map.class);
    }

    /** The answer's body, or for a refusal its status and problem document. */
    private static String get(Api reader, String path) {
        try {
            return reader.retrieve(HttpRequest.GET(path));
        } catch (HttpClientResponseException e) {
            assertTrue(e.getStatus().getCode() < 500, path + " " + e.getStatus());
            return e.getStatus().getCode() + " " + e.getResponse().getBody(String.class).orElse("");
        }
    }

    private static void assertNone(String where, String answer, List<String> words) {
        for (String word : words) {
            assertFalse(answer.contains(word), where + " holds '" + word + "': " + answer);
        }
    }

    private record Twins(RecruitingTrial trial, long balint, long waitlist, Map<Long, String> codes) {

        boolean concerns(Map<String, Object> record, long participant) {
            if ("participant".equals(record.get("entity")) && String.valueOf(participant).equals(record.get("entityId"))) {
                return true;
            }
            Pattern code = Pattern.compile("(?<![\\w-])" + Pattern.quote(codes.get(participant)) + "(?![\\w-])");
            return List.of("before", "after", "reason").stream().map(record::get)
                    .anyMatch(value -> value != null && code.matcher(value.toString()).find());
        }

        /** The participants' own ids and codes and the service's ids and times replaced. */
        String normalised(String text) {
            String result = text;
            for (Map.Entry<Long, String> participant : codes.entrySet()) {
                result = result.replaceAll("(?<![\\w-])" + Pattern.quote(participant.getValue()) + "(?![\\w-])", "<code>")
                        .replace("/participants/" + participant.getKey() + "/", "/participants/<participant>/");
            }
            return result.replaceAll("\"participantId\":\\d+", "\"participantId\":0")
                    .replaceAll("\"id\":\\d+", "\"id\":0")
                    .replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"\"")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
                    .replaceAll("data-expires-in=\"\\d+\"", "data-expires-in=\"0\"");
        }
    }
}
