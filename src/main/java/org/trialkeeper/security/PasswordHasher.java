package org.trialkeeper.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.BCryptFormatter;
import at.favre.lib.crypto.bcrypt.Radix64Encoder;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** bcrypt: slow and salted. The cost is lowered only in tests, to keep them quick. */
@Singleton
final class PasswordHasher {

    private final int cost;
    private final String unknownUserHash;

    PasswordHasher(@Value("${trialkeeper.bcrypt-cost:12}") int cost) {
        this.cost = cost;
        this.unknownUserHash = unmatchable(cost);
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

    String unknownUserHash() {
        return unknownUserHash;
    }

    /**
     * A bcrypt hash at the service's cost whose salt and digest are random bytes: a check against it
     * runs the whole key schedule the cost sets, as long as against any account's hash, and no
     * password comes out at that digest. Made without hashing, which would cost every start a few
     * tenths of a second of a core.
     */
    private static String unmatchable(int cost) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] digest = new byte[23];
        random.nextBytes(salt);
        random.nextBytes(digest);
        byte[] hash = new BCryptFormatter.Default(new Radix64Encoder.Default(), StandardCharsets.UTF_8)
                .createHashMessage(new BCrypt.HashData(cost, BCrypt.Version.VERSION_2A, salt, digest));
        return new String(hash, StandardCharsets.UTF_8);
    }
}
