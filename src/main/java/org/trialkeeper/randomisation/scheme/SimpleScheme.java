package org.trialkeeper.randomisation.scheme;

import org.apache.commons.rng.UniformRandomProvider;

import java.util.ArrayList;
import java.util.List;

/** Simple randomisation: every slot an independent draw by the allocation ratio. */
final class SimpleScheme {

    private SimpleScheme() {
    }

    static List<Slot> generate(ArmWeights arms, int length, UniformRandomProvider rng) {
        List<Slot> slots = new ArrayList<>(length);
        for (int position = 1; position <= length; position++) {
            slots.add(new Slot(position, arms.codes().get(arms.draw(rng)), 0, 1));
        }
        return slots;
    }
}
