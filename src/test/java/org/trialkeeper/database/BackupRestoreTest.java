package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented backup (mariadb-dump / mysqldump with --single-transaction) restored into a
 * fresh database: a service started on the copy finds the audit chain intact and the locked
 * trial's allocations following its committed sequence.
 */
@MicronautTest(transactional = false)
class BackupRestoreTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aDumpRestoredIntoAFreshDatabasePassesTheAuditAndRandomisationVerification() throws Exception {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("backup")));
        for (int i = 0; i < 12; i++) {
            trial.randomise(trial.enrol("K-" + i, i % 2 == 0 ? "female" : "male"), "key-k" + i + "-backup");
        }
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        Map<?, ?> audit = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
        assertEquals(true, audit.get("intact"));

        EmbeddedMariaDb server = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
        Path dump = Files.createTempFile("trialkeeper-backup", ".sql");
        // the README's command: the address, user and password from the options file the server keeps
        run(List.of(server.client("mariadb-dump").toString(), "--defaults-extra-file=" + server.clientOptions(),
                "--single-transaction", "--routines", "--triggers", "trialkeeper_test", "--result-file=" + dump));
        assertTrue(Files.size(dump) > 10_000, "the dump holds the data");
        // what `mysql trialkeeper_restored < dump.sql` does; the embedded server's own client needs a
        // terminal library this machine lacks, so the statements go over JDBC in one batch
        try (Connection db = DriverManager.getConnection(server.jdbcUrl("trialkeeper_restored") + "&allowMultiQueries=true",
                server.user(), server.password()); Statement statement = db.createStatement()) {
            statement.execute(Files.readString(dump));
        }

        try (EmbeddedServer restored = ApplicationContext.run(EmbeddedServer.class, server.datasource("trialkeeper_restored"),
                "test");
             HttpClient toRestored = HttpClient.create(restored.getURL())) {
            Api admin = Api.admin(toRestored);
            Map<?, ?> restoredAudit = admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            assertEquals(true, restoredAudit.get("intact"), restoredAudit.toString());
            assertTrue(((Number) restoredAudit.get("recordsChecked")).longValue()
                    >= ((Number) audit.get("recordsChecked")).longValue());
            List<Map> members = admin.retrieve(HttpRequest.GET("/api/trials/" + trial.id + "/members"),
                    io.micronaut.core.type.Argument.listOf(Map.class));
            String statistician = members.stream().filter(m -> ((List<?>) m.get("roles")).contains("STATISTICIAN"))
                    .map(m -> (String) m.get("username")).findFirst().orElseThrow();
            Map<?, ?> verification = Api.as(toRestored, statistician)
                    .retrieve(HttpRequest.GET("/api/trials/" + trial.id + "/randomisation/verify"), Map.class);
            assertEquals(true, verification.get("verified"), verification.toString());
            assertEquals(12, verification.get("allocationsChecked"));
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished: " + command.get(0));
        assertEquals(0, process.exitValue(), command + ": " + output);
    }
}
