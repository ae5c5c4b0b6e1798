package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ListSampler;

import java.util.ArrayList;
import java.util.List;

/**
 * Permuted blocks: each block's size is drawn at random from the protocol's list, holds every
 * arm in proportion to its ratio, and is shuffled. Varying sizes make the end of a block, and
 * so the last allocations in it, harder to foresee.
 */
final class PermutedBlocks {

    private PermutedBlocks() {
    }

    /** Whole blocks until the list holds at least {@code minLength} slots. */
    static List<Slot> generate(ArmWeights arms, List<Integer> blockSizes, int minLength, UniformRandomProvider rng) {
        List<Slot> slots = new ArrayList<>();
        int block = 0;
        while (slots.size() < minLength) {
            block++;
            int size = blockSizes.get(rng.nextInt(blockSizes.size()));
            List<String> contents = new ArrayList<>(size);
            int copies = size / arms.ratioSum();
            for (int arm = 0; arm < arms.size(); arm++) {
                for (int i = 0; i < copies * arms.ratios().get(arm); i++) {
                    contents.add(arms.codes().get(arm));
                }
            }
            ListSampler.shuffle(rng, contents);
            for (String arm : contents) {
                slots.add(new Slot(slots.size() + 1, arm, block, size));
            }
        }
        return slots;
    }
}
