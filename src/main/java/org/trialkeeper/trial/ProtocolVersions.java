package org.trialkeeper.trial;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every version of every trial's protocol: the document as submitted, and its validated form as
 * canonical JSON with its SHA-256. Versions are only ever added.
 */
@Singleton
class ProtocolVersions {

    private final ProtocolVersionRepository versions;
    private final JsonMapper json;
    private final Map<Long, Protocol> readVersions = new ConcurrentHashMap<>();

    ProtocolVersions(ProtocolVersionRepository versions, JsonMapper json) {
        this.versions = versions;
        this.json = json;
    }

    ProtocolVersion add(long trialId, int number, ProtocolSource source, Protocol protocol, String reason, Instant at) {
        String canonical = canonicalJson(protocol);
        return versions.save(new ProtocolVersion(null, trialId, number, source.text(), source.mediaType(), canonical,
                sha256(canonical), reason, at));
    }

    ProtocolVersion current(Trial trial) {
        return versions.findByTrialIdAndVersion(trial.id(), trial.protocolVersion())
                .orElseThrow(() -> new IllegalStateException("Trial " + trial.id() + " has no current protocol"));
    }

    Optional<ProtocolVersion> find(long trialId, int version) {
        return versions.findByTrialIdAndVersion(trialId, version);
    }

    List<ProtocolVersion> all(long trialId) {
        return versions.findByTrialIdOrderByVersion(trialId);
    }

    /**
     * Stored versions are read back through the same reader, so what is served is what was
     * validated. A version never changes once written, so each is read once.
     */
    Protocol protocolOf(ProtocolVersion version) {
        return readVersions.computeIfAbsent(version.id(), id -> ProtocolReader.read(version.canonicalJson()));
    }

    private String canonicalJson(Protocol protocol) {
        try {
            return new String(json.writeValueAsBytes(protocol), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
