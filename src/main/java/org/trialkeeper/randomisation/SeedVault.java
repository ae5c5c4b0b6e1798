package org.trialkeeper.randomisation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.trialkeeper.database.GeneratedSecrets;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keeps trial seeds encrypted at rest (AES-256-GCM) with {@code TRIALKEEPER_SEED_KEY}, 32 bytes
 * in base64; on the zero-setup default a key is generated once into the data directory. A
 * database dump alone never reveals a sequence. Other keys are derived from the same one, each
 * under a label of its own, so that one secret kept apart from the database covers them all.
 */
@Singleton
final class SeedVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    SeedVault(GeneratedSecrets secrets, @Value("${trialkeeper.seed-key:}") String configured) {
        this(secrets.resolveKey(configured, "TRIALKEEPER_SEED_KEY", "seed-key"));
    }

    SeedVault(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    String seal(byte[] seed, long trialId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(Long.toString(trialId).getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(seed);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The seed could not be encrypted", e);
        }
    }

    /** The seed; the trial's id is bound in, so a sealed seed copied to another trial does not open. */
    byte[] open(String sealed, long trialId) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(Long.toString(trialId).getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable(trialId);
        }
    }

    static ProblemException unreadable(long trialId) {
        return new ProblemException(ProblemCode.SEED_UNREADABLE, "The " + cannotOpen(trialId));
    }

    static String cannotOpen(long trialId) {
        return "sealed seed of trial " + trialId + " cannot be opened with the configured key";
    }

    /** HMAC-SHA256 of the label under the seed key: a key of 32 bytes for another use. */
    byte[] derivedKey(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
