package org.trialkeeper.report;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The main job end to end, through the HTTP API of a service it starts on a throw-away embedded
 * database: registers the seed trial's protocol, screens 33 nurses and enrols 30, randomises
 * them, enters baseline and post-test questionnaires as a blinded assessor (simulated answers,
 * the Balint groups a little better at post-test), records attendance, four adverse events, one dropout in the
 * intervention arm and two in the control arm, locks the trial and writes the CONSORT report.
 * Everything random, the service's randomisation seed included, comes from one seed (2022 unless
 * given), so a run gives the same allocations and numbers as the last. Run with
 * {@code ./mvnw -Pdemo -DskipTests test}, which writes target/balint-psychiatric-nurses-consort.pdf
 * (and the blinded interim report before LOCK to target/balint-psychiatric-nurses-interim.pdf);
 * arguments: the output path, then the seed.
 */
public final class ConsortDemo {

    /** In a fixed order, so that the same seed draws the same answers. */
    private static final Map<String, int[]> INSTRUMENTS = new TreeMap<>(Map.of("QWL", new int[]{35, 1, 5},
            "CDRISC", new int[]{25, 0, 4}, "CSS", new int[]{30, 1, 5}));
    /** Adverse events as a coordinator might record them: description, seriousness, severity, relatedness, outcome. */
    private static final List<String[]> HARMS = List.of(
            new String[]{"admitted with pneumonia", "serious", "severe", "not-related", "recovered"},
            new String[]{"back strain while moving a patient", "not-serious", "moderate", "not-related", "recovering"},
            new String[]{"headache after a night shift", "not-serious", "mild", "unlikely", "recovered"},
            new String[]{"poor sleep for a week", "not-serious", "mild", "possible", "recovered"});
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target/balint-psychiatric-nurses-consort.pdf");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2022;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "trialkeeper.demo.seed", seed), "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            Random random = new Random(seed);
            Api admin = Api.admin(http);
            long trial = admin.register(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));
            Api coordinator = member(http, admin, trial, "coordinator", "COORDINATOR");
            Api assessor = member(http, admin, trial, "assessor", "ASSESSOR");
            Api investigator = member(http, admin, trial, "investigator", "INVESTIGATOR");
            post(admin, trial, "/status", Map.of("status", "RECRUITING"));
            step("registered the seed trial (id " + trial + ") and opened recruitment");

            Map<Long, String> arms = new LinkedHashMap<>();
            for (int i = 1; i <= 33; i++) {
                boolean eligible = i != 7 && i != 19;
                String consent = i == 25 ? "declined" : "given";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", String.format("RN-%02d", i));
                body.put("site", "RAZI");
                body.put("baseline", Map.of("age", 26 + random.nextInt(20), "sex", random.nextInt(3) == 0 ? "male" : "female",
                        "marital", random.nextBoolean() ? "married" : "single",
                        "education", random.nextInt(4) == 0 ? "master-or-higher" : "bachelor"));
                body.put("eligibility", Map.of("I1", true, "I2", eligible, "E1", false, "E2", false));
                body.put("consent", consent);
                Map<?, ?> screened = post(coordinator, trial, "/participants", body);
                if ("ENROLLED".equals(screened.get("status"))) {
                    long id = ((Number) screened.get("id")).longValue();
                    Map<?, ?> allocation = coordinator.retrieve(HttpRequest.POST("/api/trials/" + trial + "/participants/" + id
                            + "/randomisation", "").header("Idempotency-Key", "demo-randomise-" + id), Map.class);
                    arms.put(id, (String) allocation.get("arm"));
                }
            }
            step("screened 33 nurses, enrolled and randomised " + arms.size() + ": "
                    + arms.values().stream().filter("BALINT"::equals).count() + " to Balint groups, "
                    + arms.values().stream().filter("WAITLIST"::equals).count() + " to the waitlist");

            Map<Long, Double> level = new LinkedHashMap<>();
            arms.keySet().forEach(id -> level.put(id, random.nextGaussian() * 0.45));
            for (long id : arms.keySet()) {
                assess(assessor, trial, id, "baseline", level.get(id), random, null);
            }
            List<Long> dropouts = new ArrayList<>();
            arms.forEach((id, arm) -> {
                long sameArm = dropouts.stream().filter(d -> arms.get(d).equals(arm)).count();
                if (sameArm < (arm.equals("BALINT") ? 1 : 2) && dropouts.size() < 3 && id % 4 == 1) {
                    dropouts.add(id);
                }
            });
            for (long id : arms.keySet()) {
                if (dropouts.size() < 3 && !dropouts.contains(id)) {
                    long sameArm = dropouts.stream().filter(d -> arms.get(d).equals(arms.get(id))).count();
                    if (sameArm < (arms.get(id).equals("BALINT") ? 1 : 2)) {
                        dropouts.add(id);
                    }
                }
            }
            for (long id : arms.keySet()) {
                if (arms.get(id).equals("BALINT")) {
                    for (int session = 1; session <= 8; session++) {
                        boolean present = dropouts.contains(id) ? session <= 2 : random.nextInt(10) > 0;
                        coordinator.retrieve(HttpRequest.PUT("/api/trials/" + trial + "/participants/" + id + "/attendance/"
                                + session, Map.of("present", present)), Map.class);
                    }
                }
            }
            List<Long> randomised = new ArrayList<>(arms.keySet());
            for (String[] harm : HARMS) {
                Map<String, Object> event = new LinkedHashMap<>(Map.of("onset", TODAY, "description", harm[0],
                        "serious", harm[1].equals("serious"), "severity", harm[2], "relatedness", harm[3], "outcome", harm[4]));
                if (harm[1].equals("serious")) {
                    event.put("criteria", List.of("hospitalisation"));
                }
                post(coordinator, trial, "/participants/" + randomised.get(random.nextInt(randomised.size())) + "/adverse-events",
                        event);
            }
            step("recorded " + HARMS.size() + " adverse events, one of them serious");
            for (long id : dropouts) {
                Map<String, Object> event = new LinkedHashMap<>(Map.of("date", TODAY, "timepoint", "post"));
                if (arms.get(id).equals("BALINT")) {
                    event.put("kind", "discontinued");
                    event.put("reason", "night shifts clashed with the group");
                } else if (dropouts.stream().filter(d -> arms.get(d).equals("WAITLIST")).findFirst().orElseThrow() == id) {
                    event.put("kind", "lost-to-follow-up");
                    event.put("reason", "moved to another hospital");
                } else {
                    event.put("kind", "withdrew-consent");
                    event.put("reason", "no longer wished to take part");
                    event.put("keepData", false);
                }
                post(coordinator, trial, "/participants/" + id + "/events", event);
            }
            step("recorded attendance at 8 sessions for the Balint groups and 3 dropouts");
            for (long id : arms.keySet()) {
                boolean discontinued = dropouts.contains(id) && arms.get(id).equals("BALINT");
                if (dropouts.contains(id) && !discontinued) {
                    continue;
                }
                double effect = arms.get(id).equals("BALINT") && !discontinued ? 0.12 : 0.0;
                String guess = List.of("intervention", "control", "dont-know", "dont-know").get(random.nextInt(4));
                assess(assessor, trial, id, "post", level.get(id) + effect, random, guess);
            }
            step("entered baseline and post-test questionnaires as the blinded assessor");
            Path interim = Path.of("target", "balint-psychiatric-nurses-interim.pdf");
            Files.createDirectories(interim.toAbsolutePath().getParent());
            Files.write(interim, investigator.exchange(HttpRequest.GET("/api/trials/" + trial + "/reports/consort.pdf"),
                    byte[].class).body());
            step("wrote the blinded interim report to " + interim);
            post(admin, trial, "/status", Map.of("status", "FOLLOW_UP"));
            post(admin, trial, "/status", Map.of("status", "LOCKED"));
            byte[] pdf = investigator.exchange(HttpRequest.GET("/api/trials/" + trial + "/reports/consort.pdf"), byte[].class)
                    .body();
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.write(output, pdf);
            step("locked the trial and wrote the CONSORT report to " + output + " (" + pdf.length / 1024 + " KiB)");
        }
        // the embedded server's process watcher is not a daemon thread; its shutdown hook stops the server
        System.exit(0);
    }

    private static void assess(Api assessor, long trial, long id, String timepoint, double level, Random random, String guess) {
        INSTRUMENTS.forEach((instrument, spec) -> {
            List<Integer> responses = new ArrayList<>();
            double middle = (spec[1] + spec[2]) / 2.0 + level * (spec[2] - spec[1]) / 2.0;
            for (int item = 0; item < spec[0]; item++) {
                long value = Math.round(middle + random.nextGaussian() * 0.8);
                responses.add((int) Math.max(spec[1], Math.min(spec[2], value)));
            }
            Map<String, Object> body = new LinkedHashMap<>(Map.of("instrument", instrument, "timepoint", timepoint,
                    "responses", responses));
            if (guess != null) {
                body.put("guess", guess);
            }
            post(assessor, trial, "/participants/" + id + "/assessments", body);
        });
    }

    private static Api member(HttpClient http, Api admin, long trial, String name, String role) {
        admin.assign(trial, admin.createMember(name), role);
        return Api.as(http, name);
    }

    private static Map<?, ?> post(Api api, long trial, String path, Object body) {
        return api.retrieve(HttpRequest.POST("/api/trials/" + trial + path, body), Map.class);
    }

    private static void step(String what) {
        System.out.println("demo: " + what);
    }
}
