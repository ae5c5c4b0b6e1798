package org.trialkeeper.registry;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A trial's record in the WHO Trial Registration Data Set (version 1.3.1), built from its
 * current protocol: the 24 items in order, each with the protocol's answer and what a registry
 * would still ask for. It holds nothing about any participant, so no allocation.
 *
 * @param missing the numbers of the items the protocol does not answer
 */
@Serdeable
public record RegistryRecord(String dataSet, long trialId, String shortName, int protocolVersion,
                             List<RegistryItem> items, List<Integer> missing) {

    static final String DATA_SET = "WHO Trial Registration Data Set 1.3.1";

    static RegistryRecord of(long trialId, String shortName, int protocolVersion, List<RegistryItem> items) {
        return new RegistryRecord(DATA_SET, trialId, shortName, protocolVersion, items,
                items.stream().filter(RegistryItem::missing).map(RegistryItem::number).toList());
    }

    /** The items a registry would still ask about: missing ones, and answered ones it wants more of. */
    public List<RegistryItem> stillAsked() {
        return items.stream().filter(item -> !item.stillAsked().isEmpty()).toList();
    }

    /** The record as plain text, item by item, to paste into a registry's form. */
    public String text() {
        StringBuilder text = new StringBuilder(dataSet).append(": ").append(shortName)
                .append(" (protocol version ").append(protocolVersion).append(")\n");
        for (RegistryItem item : items) {
            text.append('\n').append(item.number()).append(". ").append(item.item()).append('\n');
            item.answer().forEach(line -> text.append("   ").append(line).append('\n'));
            item.stillAsked().forEach(asked -> text.append("   Still to give: ").append(asked).append('\n'));
        }
        return text.toString();
    }
}
