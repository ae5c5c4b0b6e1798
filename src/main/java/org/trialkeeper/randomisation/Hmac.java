package org.trialkeeper.randomisation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 under one key derived from the seed key, over fields written one after another so
 * that no two lists of fields read alike. Each kind of row the service vouches for has its own
 * key and label, so a MAC of one kind never passes for another.
 */
final class Hmac {

    /** Writes the fields a MAC covers. */
    interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    Hmac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The MAC of the fields, in lower-case hex. */
    String of(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(macs.get().doFinal(bytes.toByteArray()));
    }

    /** Compares in time that does not depend on where the two differ; a missing MAC matches nothing. */
    static boolean same(String expected, String stored) {
        return stored != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII));
    }

    /** Each text as its UTF-8 length, four bytes big-endian, then its UTF-8 bytes. */
    static void text(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
