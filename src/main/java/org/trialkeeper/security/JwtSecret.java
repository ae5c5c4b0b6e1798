package org.trialkeeper.security;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;
import org.trialkeeper.database.DataDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token signing secret: {@code TRIALKEEPER_JWT_SECRET}. On the zero-setup default it may be
 * left out; one is then generated once and kept in the data directory, readable by its owner
 * only. Against an external database it is required, since every instance must share it.
 */
@Singleton
final class JwtSecret implements BeanCreatedEventListener<SecretSignatureConfiguration> {

    static final int MIN_LENGTH = 32;
    private static final String FILE = "jwt-secret";

    private final Environment environment;
    private final DataDirectory dataDirectory;

    JwtSecret(Environment environment, DataDirectory dataDirectory) {
        this.environment = environment;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public SecretSignatureConfiguration onCreated(BeanCreatedEvent<SecretSignatureConfiguration> event) {
        SecretSignatureConfiguration signature = event.getBean();
        String secret = signature.getSecret();
        if (secret == null || secret.isBlank()) {
            if (environment.containsProperty("datasources.default.url")) {
                throw new IllegalStateException("TRIALKEEPER_JWT_SECRET is required when running against an "
                        + "external database: at least " + MIN_LENGTH + " characters, the same on every instance");
            }
            secret = kept(dataDirectory.path().resolve(FILE));
            signature.setSecret(secret);
        }
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("TRIALKEEPER_JWT_SECRET must be at least " + MIN_LENGTH + " characters");
        }
        return signature;
    }

    static String kept(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.US_ASCII);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("The token signing secret could not be kept in " + file, e);
        }
    }
}
