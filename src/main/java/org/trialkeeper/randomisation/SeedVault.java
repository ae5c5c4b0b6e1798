package org.trialkeeper.randomisation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.trialkeeper.database.GeneratedSecrets;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keeps trial seeds encrypted at rest (AES-256-GCM) with {@code TRIALKEEPER_SEED_KEY}, 32 bytes
 * in base64; on the zero-setup default a key is generated once into the data directory. A
 * database dump alone never reveals a sequence.
 */
@Singleton
final class SeedVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SeedVault(GeneratedSecrets secrets, @Value("${trialkeeper.seed-key:}") String configured) {
        this.key = new SecretKeySpec(secrets.resolveKey(configured, "TRIALKEEPER_SEED_KEY", "seed-key"), "AES");
    }

    String seal(byte[] seed, long trialId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(Long.toString(trialId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
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
            cipher.updateAAD(Long.toString(trialId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The seed of trial " + trialId + " could not be decrypted with this key", e);
        }
    }
}
