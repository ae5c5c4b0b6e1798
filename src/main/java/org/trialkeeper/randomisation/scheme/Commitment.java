package org.trialkeeper.randomisation.scheme;

import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 published before the first allocation. It covers the stream, the scheme and its
 * settings, every generated list, and the SHA-256 of the seed, so that once the seed is
 * revealed anyone can regenerate the lists and check both against it.
 */
public final class Commitment {

    private Commitment() {
    }

    public static String of(Protocol protocol, Map<String, List<Slot>> lists, byte[] seed, SequenceStream stream) {
        return sha256(text(protocol, lists, seed, stream));
    }

    public static String text(Protocol protocol, Map<String, List<Slot>> lists, byte[] seed, SequenceStream stream) {
        Randomisation randomisation = protocol.randomisation();
        StringBuilder text = new StringBuilder();
        if (stream == SequenceStream.XOROSHIRO_128_PP) {
            // the text those trials' commitments were published over, before the stream was named in it
            text.append("trialkeeper-randomisation-commitment-1\n");
        } else {
            text.append("trialkeeper-randomisation-commitment-2\n").append("stream=").append(stream.code()).append('\n');
        }
        text.append("scheme=").append(randomisation.scheme().code()).append('\n');
        for (Arm arm : protocol.arms()) {
            text.append("arm=").append(arm.code()).append(':').append(arm.ratio()).append('\n');
        }
        text.append("blockSizes=").append(randomisation.blockSizes()).append('\n');
        text.append("stratifyBy=").append(randomisation.stratifyBy()).append('\n');
        randomisation.factors().forEach(f -> text.append("factor=").append(f.factor()).append(':').append(f.weight()).append('\n'));
        text.append("minimisingArmProbability=").append(randomisation.minimisingArmProbability()).append('\n');
        text.append("length=").append(protocol.targetSampleSize()).append('\n');
        text.append("seed-sha256=").append(sha256(seed)).append('\n');
        lists.forEach((stratum, slots) -> {
            text.append("stratum=").append(stratum).append('\n');
            for (Slot slot : slots) {
                text.append(slot.position()).append(':').append(slot.arm()).append(':').append(slot.block())
                        .append(':').append(slot.blockSize()).append('\n');
            }
        });
        return text.toString();
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
