package org.trialkeeper.database;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets the service needs (the token signing secret, the seed key). Configured values win.
 * On the zero-setup default a missing one is generated once and kept in the data directory,
 * readable by its owner only; against an external database it must be configured, since
 * every instance has to share it.
 */
@Singleton
public final class GeneratedSecrets {

    private final Environment environment;
    private final DataDirectory dataDirectory;

    GeneratedSecrets(Environment environment, DataDirectory dataDirectory) {
        this.environment = environment;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param configured the configured value, possibly blank
     * @param variable   the environment variable that configures it, for the error message
     * @param file       the file name in the data directory
     * @param bytes      how many random bytes a generated secret has (base64url-encoded)
     */
    public String resolve(String configured, String variable, String file, int bytes) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (environment.containsProperty("datasources.default.url")) {
            throw new IllegalStateException(variable + " is required when running against an external database: "
                    + "the same value on every instance");
        }
        return kept(dataDirectory.path().resolve(file), bytes);
    }

    /** A 32-byte key, configured or kept, in base64 (standard or URL-safe). */
    public byte[] resolveKey(String configured, String variable, String file) {
        String encoded = resolve(configured, variable, file, 32);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " must be 32 bytes in base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(variable + " must be 32 bytes in base64, not " + key.length);
        }
        return key;
    }

    static String kept(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            writeOwnerOnly(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("A generated secret could not be kept in " + file, e);
        }
    }

    /** Writes a file that holds a secret, made readable by its owner only before anything is written to it. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
