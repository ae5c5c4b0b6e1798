package org.trialkeeper.security;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;
import org.trialkeeper.database.GeneratedSecrets;

/**
 * The token signing secret: {@code TRIALKEEPER_JWT_SECRET}, or on the zero-setup default one
 * generated once into the data directory. It is set before the signature that uses it is built.
 */
@Singleton
final class JwtSecret implements BeanCreatedEventListener<SecretSignatureConfiguration> {

    static final int MIN_LENGTH = 32;

    private final GeneratedSecrets secrets;

    JwtSecret(GeneratedSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public SecretSignatureConfiguration onCreated(BeanCreatedEvent<SecretSignatureConfiguration> event) {
        SecretSignatureConfiguration signature = event.getBean();
        String secret = secrets.resolve(signature.getSecret(), "TRIALKEEPER_JWT_SECRET", "jwt-secret", 48);
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("TRIALKEEPER_JWT_SECRET must be at least " + MIN_LENGTH + " characters");
        }
        signature.setSecret(secret);
        return signature;
    }
}
