package org.trialkeeper.protocol;

import java.util.List;
import java.util.function.Function;

/** The questionnaires: item counts and ranges, reversed items and subscales that name real items. */
final class InstrumentRules {

    private static final int MAX_ITEMS = 500;

    private InstrumentRules() {
    }

    static void check(ProtocolCheck check) {
        List<Instrument> instruments = check.protocol().instruments();
        if (instruments.isEmpty()) {
            check.fail("instruments", "min-items", "at least one instrument is required");
        }
        check.unique("instruments", instruments, Instrument::id);
        for (int i = 0; i < instruments.size(); i++) {
            instrument(check, "instruments[" + i + "]", instruments.get(i));
        }
    }

    private static void instrument(ProtocolCheck check, String path, Instrument instrument) {
        check.code(path + ".id", instrument.id());
        if (instrument.items() < 1 || instrument.items() > MAX_ITEMS) {
            check.fail(path + ".items", "range", "must be between 1 and " + MAX_ITEMS);
        }
        if (instrument.itemMax() <= instrument.itemMin()) {
            check.fail(path + ".itemMax", "item-range", "must be greater than itemMin");
        }
        itemNumbers(check, path + ".reversed", instrument.reversed(), instrument.items());
        check.unique(path + ".subscales", instrument.subscales(), Subscale::id);
        for (int s = 0; s < instrument.subscales().size(); s++) {
            Subscale subscale = instrument.subscales().get(s);
            String at = path + ".subscales[" + s + "]";
            check.code(at + ".id", subscale.id());
            if (subscale.items().isEmpty()) {
                check.fail(at + ".items", "min-items", "a subscale needs at least one item");
            }
            itemNumbers(check, at + ".items", subscale.items(), instrument.items());
        }
        if (instrument.maxProratedItems() < 0 || instrument.maxProratedItems() >= Math.max(1, instrument.items())) {
            check.fail(path + ".maxProratedItems", "range", "must be between 0 and items - 1");
        }
    }

    private static void itemNumbers(ProtocolCheck check, String path, List<Integer> items, int itemCount) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) < 1 || items.get(i) > itemCount) {
                check.fail(path + "[" + i + "]", "item-out-of-range", "item " + items.get(i)
                        + " is not between 1 and " + itemCount);
            }
        }
        check.unique(path, items, Function.identity());
    }
}
