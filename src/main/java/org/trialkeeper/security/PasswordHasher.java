package org.trialkeeper.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** bcrypt: slow and salted. The cost is lowered only in tests, to keep them quick. */
@Singleton
final class PasswordHasher {

    private final int cost;
    private final String unknownUserHash;

    PasswordHasher(@Value("${trialkeeper.bcrypt-cost:12}") int cost) {
        this.cost = cost;
        this.unknownUserHash = hash("a password nobody has");
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, so an unknown username cannot be told by timing; never matches. */
    boolean matchNobody(String password) {
        matches(password, unknownUserHash);
        return false;
    }
}
