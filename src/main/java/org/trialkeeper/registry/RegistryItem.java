package org.trialkeeper.registry;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of the WHO Trial Registration Data Set: what the protocol answers, and what a
 * registry would still ask for. An item with no answer is missing.
 */
@Serdeable
public record RegistryItem(int number, String item, List<String> answer, List<String> stillAsked) {

    /** The item as the protocol answers it; if it does not, the registry asks for {@code ifMissing}. */
    static RegistryItem of(int number, String item, List<String> answer, String ifMissing) {
        return new RegistryItem(number, item, List.copyOf(answer), answer.isEmpty() ? List.of(ifMissing) : List.of());
    }

    /** An item the protocol never answers. */
    static RegistryItem asked(int number, String item, String asked) {
        return of(number, item, List.of(), asked);
    }

    /** The same item with more that a registry asks for even when the protocol answers it. */
    RegistryItem alsoAsking(String asked) {
        List<String> more = new ArrayList<>(stillAsked);
        more.add(asked);
        return new RegistryItem(number, item, answer, List.copyOf(more));
    }

    public boolean missing() {
        return answer.isEmpty();
    }
}
