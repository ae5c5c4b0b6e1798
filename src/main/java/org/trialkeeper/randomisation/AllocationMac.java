package org.trialkeeper.randomisation;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

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
import java.util.List;
import java.util.stream.Collectors;

/**
 * An HMAC-SHA256 over what an allocation holds: trial, participant, number, stratum, position,
 * factor levels, arm and idempotency key. Its key is derived from the seed key with a label of
 * its own and never written to the database, so someone who can write the database but not
 * read the key cannot change an allocation unseen: every read of an arm checks it, and a read
 * that meets a changed allocation passes nothing of it on.
 */
@Singleton
class AllocationMac {

    static final String LABEL = "trialkeeper-allocation-mac-1";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    AllocationMac(SeedVault vault) {
        this(vault.derivedKey(LABEL));
    }

    AllocationMac(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The allocation with its MAC. */
    Allocation sealed(Allocation allocation) {
        return allocation.withMac(of(allocation));
    }

    boolean matches(Allocation allocation) {
        return allocation.mac() != null && MessageDigest.isEqual(of(allocation).getBytes(StandardCharsets.US_ASCII),
                allocation.mac().getBytes(StandardCharsets.US_ASCII));
    }

    /** The allocation, if it matches its MAC; otherwise the problem that refuses to show it. */
    Allocation checked(Allocation allocation) {
        return checked(List.of(allocation)).get(0);
    }

    List<Allocation> checked(List<Allocation> allocations) {
        List<Integer> altered = allocations.stream().filter(a -> !matches(a)).map(Allocation::number).toList();
        if (!altered.isEmpty()) {
            throw altered(allocations.get(0).trialId(), altered);
        }
        return allocations;
    }

    static ProblemException altered(long trialId, List<Integer> numbers) {
        return new ProblemException(ProblemCode.ALLOCATION_ALTERED, "Allocation number "
                + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " of trial " + trialId + " does not match its MAC: it was changed in the database, or made before"
                + " allocations were sealed and not sealed since. Nothing of it is shown; GET /api/trials/" + trialId
                + "/randomisation/integrity names every such allocation");
    }

    String of(Allocation allocation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream fields = new DataOutputStream(bytes)) {
            text(fields, LABEL);
            fields.writeLong(allocation.trialId());
            fields.writeLong(allocation.participantId());
            fields.writeInt(allocation.number());
            text(fields, allocation.stratum());
            fields.writeInt(allocation.position());
            text(fields, allocation.factorLevels());
            text(fields, allocation.arm());
            text(fields, allocation.idempotencyKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(macs.get().doFinal(bytes.toByteArray()));
    }

    /** Each text as its UTF-8 length, four bytes big-endian, then its UTF-8 bytes: no two allocations read alike. */
    private static void text(DataOutputStream fields, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        fields.writeInt(utf8.length);
        fields.write(utf8);
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
