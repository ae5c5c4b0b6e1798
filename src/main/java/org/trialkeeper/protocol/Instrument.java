package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A questionnaire by its scoring rules: items are numbered 1..items, each answered with an
 * integer from itemMin to itemMax; reversed items score itemMin + itemMax - value.
 */
@Serdeable
public record Instrument(String id, String name, int items, int itemMin, int itemMax,
                         List<Integer> reversed, List<Subscale> subscales, TotalRule total,
                         int maxProratedItems) {
}
