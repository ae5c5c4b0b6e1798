package org.trialkeeper.database;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * Where the zero-setup default keeps what must survive a restart: the embedded database and
 * the secrets it generates for itself. {@code TRIALKEEPER_DATA_DIR}, else ./data.
 */
@Singleton
public final class DataDirectory {

    private final Path path;

    DataDirectory(@Value("${trialkeeper.data-dir:}") String dataDir,
                  @Value("${trialkeeper.default-data-dir:data}") String defaultDataDir) {
        this.path = Path.of(dataDir.isBlank() ? defaultDataDir : dataDir).toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }
}
