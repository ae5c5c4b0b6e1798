package org.trialkeeper.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A chain's hashing: each record's hash covers its content and the previous record's hash in
 * the same chain, so altering, inserting or removing any record breaks every hash after it.
 * Under the audit key the hash is an HMAC-SHA256, which nobody without the key can recompute; a
 * chain written before the key existed used plain SHA-256 until it was re-sealed.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private final SecretKeySpec key;

    private AuditChain(SecretKeySpec key) {
        this.key = key;
    }

    /** The keyed chain. */
    static AuditChain keyed(byte[] key) {
        return new AuditChain(new SecretKeySpec(key, "HmacSHA256"));
    }

    /** The chain as it was written before the audit key: SHA-256 only. */
    static AuditChain unkeyed() {
        return new AuditChain(null);
    }

    boolean isKeyed() {
        return key != null;
    }

    String hash(AuditEntry entry, String previousHash) {
        byte[] content = content(entry, previousHash).getBytes(StandardCharsets.UTF_8);
        try {
            if (key == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every Java runtime", e);
        }
    }

    /**
     * The text the hash is taken of. A record's chain is part of it, but not for the legacy chain,
     * whose records were hashed before chains had names and must go on verifying as they are; a
     * record moved into or out of that chain fails its MAC all the same, as its text changes.
     */
    private static String content(AuditEntry entry, String previousHash) {
        StringBuilder content = new StringBuilder();
        if (!ChainNames.LEGACY.equals(entry.chain())) {
            field(content, entry.chain());
        }
        field(content, Long.toString(entry.seq()));
        field(content, entry.recordedAt().toString());
        field(content, entry.userId() == null ? null : entry.userId().toString());
        field(content, entry.username());
        field(content, entry.role());
        field(content, entry.trialId() == null ? null : entry.trialId().toString());
        field(content, entry.action());
        field(content, entry.entity());
        field(content, entry.entityId());
        field(content, entry.before());
        field(content, entry.after());
        field(content, entry.reason());
        field(content, Boolean.toString(entry.revealsAllocation()));
        field(content, previousHash);
        return content.toString();
    }

    /** Length-prefixed, so no two different records can be written as the same text. */
    private static void field(StringBuilder content, String value) {
        if (value == null) {
            content.append("-1:;");
        } else {
            content.append(value.length()).append(':').append(value).append(';');
        }
    }
}
