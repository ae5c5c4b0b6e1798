package org.trialkeeper.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stratified seed trial, sized for a run and recruiting, served by two instances behind a
 * load balancer: one coordinator signed in on each, a statistician to read the sequence.
 */
public final class TrialOnTwoInstances {

    public final Api admin;
    public final long id;
    /** The same coordinator on the first and on the second instance. */
    public final List<Api> coordinators;
    private final String statistician;
    private final int participants;

    public TrialOnTwoInstances(HttpClient first, HttpClient second, String name, int participants) {
        this.participants = participants;
        admin = Api.admin(first);
        id = admin.register(ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve("online-balint-covid.yaml"))
                .replaceFirst("(?m)^shortName: .*$", "shortName: " + Api.unique(name))
                .replace("targetSampleSize: 72", "targetSampleSize: " + participants));
        String coordinator = Api.unique("coordinator");
        admin.assign(id, admin.createMember(coordinator), "COORDINATOR");
        statistician = Api.unique("statistician");
        admin.assign(id, admin.createMember(statistician), "STATISTICIAN");
        move("RECRUITING");
        coordinators = List.of(Api.as(first, coordinator), Api.as(second, coordinator));
    }

    public void move(String status) {
        admin.retrieve(HttpRequest.POST("/api/trials/" + id + "/status", Map.of("status", status)), Map.class);
    }

    /** Screens every participant eligible and consenting, at both sites, on the two instances in turn; answers ids. */
    public List<Long> screen(String codePrefix) {
        String[] sites = {"TUMS", "OTHER"};
        String[] professions = {"physician", "nurse", "other"};
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", codePrefix + i);
            body.put("site", sites[i % 2]);
            body.put("baseline", Map.of("age", 30 + i % 30, "sex", i % 3 == 0 ? "male" : "female",
                    "profession", professions[(i / 2) % 3]));
            body.put("eligibility", Map.of("I1", true, "I2", true, "I3", true, "E1", false));
            body.put("consent", "given");
            Map<?, ?> screened = coordinators.get(i % 2).retrieve(
                    HttpRequest.POST("/api/trials/" + id + "/participants", body), Map.class);
            ids.add(((Number) screened.get("id")).longValue());
        }
        return ids;
    }

    /**
     * Checks, as the statistician on the given instance, that every participant took one slot,
     * each stratum's list was used from the top without gaps and the sequence verifies; answers
     * how many strata were used.
     */
    @SuppressWarnings("unchecked")
    public int assertListsFollowed(HttpClient on) {
        Api reader = Api.as(on, statistician);
        Map<?, ?> sequence = reader.retrieve(HttpRequest.GET("/api/trials/" + id + "/randomisation/sequence"),
                Map.class);
        List<Map<?, ?>> used = (List<Map<?, ?>>) sequence.get("allocations");
        assertEquals(participants, used.size(), "one allocation per participant");
        Map<String, Integer> perStratum = new HashMap<>();
        Set<String> slots = new HashSet<>();
        for (Map<?, ?> allocation : used) {
            assertTrue(slots.add(allocation.get("stratum") + "#" + allocation.get("position")), "slot used twice");
            perStratum.merge((String) allocation.get("stratum"), 1, Integer::sum);
        }
        for (Map<?, ?> stratum : (List<Map<?, ?>>) sequence.get("strata")) {
            List<Map<?, ?>> list = (List<Map<?, ?>>) stratum.get("slots");
            int usedHere = perStratum.getOrDefault((String) stratum.get("stratum"), 0);
            for (int position = 0; position < list.size(); position++) {
                assertEquals(position < usedHere, list.get(position).containsKey("allocationNumber"),
                        stratum.get("stratum") + " uses its list from the top, without gaps");
            }
        }
        Map<?, ?> verified = reader.retrieve(HttpRequest.GET("/api/trials/" + id + "/randomisation/verify"), Map.class);
        assertEquals(true, verified.get("verified"), verified.toString());
        return perStratum.size();
    }
}
