package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on Debian's MariaDB 10.11, a server that greets clients as "5.5.5-10.11...":
 * timestamps keep their microseconds and the audit chain verifies. Connected the way that
 * loses them, the service refuses to start.
 */
class ExternalMariaDbTest {

    private static final int PARTICIPANTS = 6;

    @Test
    void onDebiansMariaDbTimestampsKeepTheirMicrosecondsAndTheAuditChainVerifies() throws Exception {
        try (DebianMariaDb server = DebianMariaDb.start()) {
            Map<String, Object> external = Map.of("datasources.default.url", server.url("trialkeeper"),
                    "datasources.default.username", "root", "datasources.default.password", "");
            try (EmbeddedServer service = ApplicationContext.run(EmbeddedServer.class, external, "test");
                 HttpClient http = HttpClient.create(service.getURL())) {
                RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL,
                        Api.unique("debian")));
                for (int i = 0; i < PARTICIPANTS; i++) {
                    trial.randomise(trial.enrol("D-" + i, i % 2 == 0 ? "female" : "male"), "key-debian-" + i);
                }
                Map<?, ?> verification = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
                assertEquals(true, verification.get("intact"), verification.toString());
                tamperingIsFound(server, trial);
            }
            try (Connection db = DriverManager.getConnection(server.url("trialkeeper"), "root", "");
                 Statement statement = db.createStatement();
                 ResultSet counts = statement.executeQuery(
                         "SELECT COUNT(*), SUM(MICROSECOND(recorded_at) <> 0) FROM audit_record")) {
                counts.next();
                long records = counts.getLong(1);
                assertTrue(records > 2 * PARTICIPANTS, "records: " + records);
                // a driver that dropped them would have left every one at .000000
                assertTrue(counts.getLong(2) > records / 2, counts.getLong(2) + " of " + records + " with microseconds");
            }

            Map<String, Object> losingMicroseconds = new HashMap<>(external);
            losingMicroseconds.put("datasources.default.data-source-properties.socketFactory",
                    "com.mysql.cj.protocol.StandardSocketFactory");
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> ApplicationContext.run(EmbeddedServer.class, losingMicroseconds, "test").close());
            assertTrue(causedBy(refused, TimestampPrecision.LostMicroseconds.class), refused.toString());
        }
    }

    /** The integrity checks hold on this server too: an altered audit record and an altered allocation are found. */
    private static void tamperingIsFound(DebianMariaDb server, RecruitingTrial trial) throws Exception {
        try (Connection db = DriverManager.getConnection(server.url("trialkeeper"), "root", "");
             Statement statement = db.createStatement()) {
            String after;
            String second = "chain = 'trial-" + trial.id + "' AND seq = 2";
            try (ResultSet record = statement.executeQuery("SELECT after_value FROM audit_record WHERE " + second)) {
                record.next();
                after = record.getString(1);
            }
            statement.executeUpdate("UPDATE audit_record SET after_value = '{\"rewritten\":true}' WHERE " + second);
            Map<?, ?> altered = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            try (PreparedStatement restore = db.prepareStatement("UPDATE audit_record SET after_value = ? WHERE " + second)) {
                restore.setString(1, after);
                restore.executeUpdate();
            }
            assertEquals(false, altered.get("intact"));
            assertEquals("trial-" + trial.id, altered.get("chain"), altered.toString());
            assertEquals(2, ((Number) altered.get("firstBadSeq")).intValue(), altered.toString());

            long participant;
            String arm;
            try (ResultSet first = statement.executeQuery("SELECT participant_id, arm FROM allocation WHERE trial_id = "
                    + trial.id + " AND number = 1")) {
                first.next();
                participant = first.getLong(1);
                arm = first.getString(2);
            }
            String other = "BALINT".equals(arm) ? "WAITLIST" : "BALINT";
            statement.executeUpdate("UPDATE allocation SET arm = '" + other + "' WHERE trial_id = " + trial.id
                    + " AND number = 1");
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> trial.coordinator
                    .retrieve(HttpRequest.GET(trial.path("/participants/" + participant + "/randomisation")), Map.class));
            Map<?, ?> integrity = trial.admin.retrieve(HttpRequest.GET(trial.path("/randomisation/integrity")), Map.class);
            statement.executeUpdate("UPDATE allocation SET arm = '" + arm + "' WHERE trial_id = " + trial.id
                    + " AND number = 1");
            assertEquals(HttpStatus.CONFLICT, refused.getStatus());
            assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("allocation-altered"));
            assertEquals(List.of(1), integrity.get("altered"), integrity.toString());
        }
        assertEquals(true, trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class).get("intact"));
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
