package org.trialkeeper.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: each record's hash is the SHA-256 of its content and of the previous
 * record's hash, so altering, inserting or removing any record breaks every hash after it.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(AuditEntry entry, String previousHash) {
        StringBuilder content = new StringBuilder();
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
        return sha256(content.toString());
    }

    /** Length-prefixed, so no two different records can be written as the same text. */
    private static void field(StringBuilder content, String value) {
        if (value == null) {
            content.append("-1:;");
        } else {
            content.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
