package org.trialkeeper.randomisation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.database.TestDatabases;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.support.Api;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RecruitingTrial.problem;

/** Trials that opened recruitment under the version before sealed allocations, when this version starts on their database. */
class AllocationSealingTest {

    private static final String SLOTS = "SELECT COUNT(*) FROM allocation_slot WHERE trial_id = ?";
    private static final String WITHOUT_MAC = "SELECT COUNT(*) FROM allocation WHERE trial_id = ? AND mac IS NULL";

    @Test
    void trialsOpenedBeforeAreSealedOnceAndGoOnWithTheirOwnSequenceUnlessTheirAllocationsWereChanged() throws Exception {
        EarlierVersionDatabase earlier = new EarlierVersionDatabase("trialkeeper_earlier_version");
        EarlierVersionDatabase.Trial blocks = earlier.recruiting(blocks("earlier-blocks"), 5, false);
        EarlierVersionDatabase.Trial minimised = earlier.recruiting(ProtocolFiles.seedVariantYaml("earlier-minimised",
                tree -> tree.put("randomisation", Map.of("scheme", "minimisation", "minimisingArmProbability", 0.8,
                        "factors", List.of(Map.of("factor", "site", "weight", 1), Map.of("factor", "sex", "weight", 1))))),
                4, false);
        EarlierVersionDatabase.Trial changed = earlier.recruiting(blocks("earlier-changed"), 3, true);
        int storedSlots = earlier.count(SLOTS, blocks.id());
        assertEquals(blocks.lists().get("all").size(), storedSlots);
        ListAppender<ILoggingEvent> log = listening();

        try (EmbeddedServer service = start(earlier.url()); HttpClient http = client(service)) {
            Api admin = Api.admin(http);
            for (EarlierVersionDatabase.Trial sealed : List.of(blocks, minimised)) {
                assertEquals(0, earlier.count(SLOTS, sealed.id()), "no list in clear");
                assertEquals(0, earlier.count(WITHOUT_MAC, sealed.id()), "every allocation carries its MAC");
                assertEquals(List.of(), admin.retrieve(HttpRequest.GET("/api/trials/" + sealed.id()
                        + "/randomisation/integrity"), Map.class).get("problems"));
            }
            assertEquals(List.of("{\"allocations\":5,\"storedSlotsRemoved\":" + storedSlots + ",\"stream\":\"xoroshiro128pp\"}"),
                    sealedRecords(admin, blocks.id()));
            assertEquals(List.of("{\"allocations\":4,\"storedSlotsRemoved\":0,\"stream\":\"xoroshiro128pp\"}"),
                    sealedRecords(admin, minimised.id()));
            assertEquals(true, admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class).get("intact"));

            assertEquals(changed.lists().get("all").size(), earlier.count(SLOTS, changed.id()), "not sealed over");
            assertEquals(3, earlier.count(WITHOUT_MAC, changed.id()));
            assertEquals(List.of(), sealedRecords(admin, changed.id()));
            Map<?, ?> integrity = admin.retrieve(HttpRequest.GET("/api/trials/" + changed.id() + "/randomisation/integrity"),
                    Map.class);
            assertEquals(false, integrity.get("intact"));
            assertEquals(List.of(2), integrity.get("altered"));
            assertTrue(integrity.get("problems").toString().contains("is not sealed"), integrity.toString());
            assertEquals(List.of("Trial " + changed.id() + " opened recruitment before allocations were sealed and is"
                    + " not sealed, since its allocations [2] do not follow its sequence regenerated from its seed: its"
                    + " allocations are refused until this is resolved (GET /api/trials/" + changed.id()
                    + "/randomisation/integrity)"), log.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList());
            stopListening(log);

            Api blocksCoordinator = member(admin, http, blocks.id(), "COORDINATOR");
            Map<?, ?> sixth = randomise(blocksCoordinator, blocks.id(), blocks.enrolled());
            assertEquals(6, sixth.get("number"));
            assertEquals(blocks.lists().get("all").get(5).arm(), sixth.get("arm"), "the next slot of the list drawn before");

            Map<?, ?> fifth = randomise(member(admin, http, minimised.id(), "COORDINATOR"), minimised.id(), minimised.enrolled());
            FactorLevels female = FactorLevels.of(minimised.protocol(), "RAZI", Map.of("sex", "female"));
            MarginalCounts decisions = new MarginalCounts();
            minimised.arms().forEach(arm -> decisions.add(new MinimisationReplay.Decision(female, arm)));
            assertEquals(MinimisationReplay.decide(minimised.protocol(), decisions, female, minimised.seed(),
                    EarlierVersionDatabase.STREAM, 5), fifth.get("arm"), "decided by the stream the trial opened with");
            assertEquals(5, earlier.count("SELECT allocations FROM minimisation_tally WHERE trial_id = ?", minimised.id()),
                    "its running counts recounted from the allocations before, and the fifth added");

            Api changedCoordinator = member(admin, http, changed.id(), "COORDINATOR");
            problem(HttpStatus.CONFLICT, "allocation-altered", () -> randomise(changedCoordinator, changed.id(), changed.enrolled()));
            problem(HttpStatus.CONFLICT, "allocation-altered", () -> changedCoordinator.exchange(HttpRequest.GET(
                    "/api/trials/" + changed.id() + "/participants/" + changed.participants().get(0) + "/randomisation")));

            Api statistician = member(admin, http, blocks.id(), "STATISTICIAN");
            for (String status : List.of("FOLLOW_UP", "LOCKED")) {
                admin.retrieve(HttpRequest.POST("/api/trials/" + blocks.id() + "/status", Map.of("status", status)), Map.class);
            }
            Map<?, ?> verification = statistician.retrieve(HttpRequest.GET("/api/trials/" + blocks.id()
                    + "/randomisation/verify"), Map.class);
            assertEquals(true, verification.get("verified"), verification.toString());
            assertEquals("xoroshiro128pp", verification.get("stream"));
            assertEquals(6, verification.get("allocationsChecked"));
            Map<?, ?> export = statistician.retrieve(HttpRequest.GET("/api/trials/" + blocks.id() + "/randomisation/sequence"),
                    Map.class);
            List<Map<String, Object>> slots = (List<Map<String, Object>>) ((List<Map<String, Object>>) export.get("strata"))
                    .get(0).get("slots");
            assertEquals(blocks.lists().get("all"), slots.stream().map(s -> new Slot((Integer) s.get("position"),
                    (String) s.get("arm"), (Integer) s.get("block"), (Integer) s.get("blockSize"))).toList());
        }

        try (EmbeddedServer again = start(earlier.url()); HttpClient http = client(again)) {
            Api admin = Api.admin(http);
            assertEquals(1, sealedRecords(admin, blocks.id()).size(), "sealed once");
            assertEquals(List.of(), sealedRecords(admin, changed.id()));
            assertEquals(List.of(2), admin.retrieve(HttpRequest.GET("/api/trials/" + changed.id()
                    + "/randomisation/integrity"), Map.class).get("altered"));
        }
    }

    private static String blocks(String shortName) {
        return ProtocolFiles.seedVariantYaml(shortName, tree -> tree.put("randomisation",
                Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2, 4))));
    }

    private static EmbeddedServer start(String url) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "datasources.default.url", url, "datasources.default.username", TestDatabases.user(),
                "datasources.default.password", TestDatabases.password()), "test");
    }

    /** A client configured as the service is, so that it reads problem documents. */
    private static HttpClient client(EmbeddedServer service) {
        return service.getApplicationContext().createBean(HttpClient.class, service.getURL());
    }

    private static List<String> sealedRecords(Api admin, long trialId) {
        return admin.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/audit"), Argument.listOf(AuditView.class))
                .stream().filter(r -> r.action().equals("randomisation.sealed")).map(AuditView::after).toList();
    }

    private static Api member(Api admin, HttpClient http, long trialId, String role) {
        String username = Api.unique(role.toLowerCase());
        admin.assign(trialId, admin.createMember(username), role);
        return Api.as(http, username);
    }

    private static Map<?, ?> randomise(Api coordinator, long trialId, long participantId) {
        return coordinator.retrieve(HttpRequest.POST("/api/trials/" + trialId + "/participants/" + participantId
                + "/randomisation", "").header("Idempotency-Key", "after-sealing-" + participantId), Map.class);
    }

    private static ListAppender<ILoggingEvent> listening() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(AllocationSealing.class)).addAppender(appender);
        return appender;
    }

    private static void stopListening(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(AllocationSealing.class)).detachAppender(appender);
        appender.stop();
    }
}
