package org.trialkeeper.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh directory under java.io.tmpdir, deleted with all it holds on close. */
record ThrowAwayDirectory(Path path) implements AutoCloseable {

    static ThrowAwayDirectory underTmpdir(String prefix) throws IOException {
        Path tmpdir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        return new ThrowAwayDirectory(Files.createTempDirectory(tmpdir, prefix + "-"));
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
