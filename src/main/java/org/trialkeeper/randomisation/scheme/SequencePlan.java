package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Scheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation lists a trial's scheme and seed determine, one per stratum, each long enough
 * for the whole target sample (whole blocks). Minimisation has no lists: its decisions depend
 * on the participants, and are replayed from the seed instead.
 */
public final class SequencePlan {

    private SequencePlan() {
    }

    public static Map<String, List<Slot>> generate(Protocol protocol, byte[] seed, SequenceStream stream) {
        return generate(protocol, stream.lists(seed));
    }

    public static Map<String, List<Slot>> generate(Protocol protocol, UniformRandomProvider rng) {
        Scheme scheme = protocol.randomisation().scheme();
        Map<String, List<Slot>> lists = new LinkedHashMap<>();
        if (scheme == Scheme.MINIMISATION) {
            return lists;
        }
        ArmWeights arms = ArmWeights.of(protocol.arms());
        int length = protocol.targetSampleSize();
        for (String stratum : Strata.all(protocol)) {
            lists.put(stratum, scheme == Scheme.SIMPLE
                    ? SimpleScheme.generate(arms, length, rng)
                    : PermutedBlocks.generate(arms, protocol.randomisation().blockSizes(), length, rng));
        }
        return lists;
    }
}
