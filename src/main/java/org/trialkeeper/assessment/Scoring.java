package org.trialkeeper.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.TotalRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores one completed questionnaire by its protocol rules: reversed items count as
 * itemMin + itemMax - value; a sum with missing items is prorated (the mean of the answered
 * items times the number of items) only while no more items are missing than the protocol
 * allows, and a subscale is allowed the same share of its own items. Otherwise the score is
 * missing, and says why.
 */
public final class Scoring {

    private Scoring() {
    }

    /** A score, or the reason there is none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(Double value, boolean prorated, String missingBecause) {

        static Score missing(String because) {
            return new Score(null, false, because);
        }
    }

    @Serdeable
    public record Scores(Score total, Map<String, Score> subscales) {
    }

    /** @param responses item number to answer; an unanswered item is absent */
    public static Scores score(Instrument instrument, Map<Integer, Integer> responses) {
        List<Integer> allItems = IntStream.rangeClosed(1, instrument.items()).boxed().toList();
        Score total = score(instrument, allItems, instrument.maxProratedItems(), responses);
        Map<String, Score> subscales = new LinkedHashMap<>();
        for (Subscale subscale : instrument.subscales()) {
            int allowed = instrument.maxProratedItems() * subscale.items().size() / instrument.items();
            subscales.put(subscale.id(), score(instrument, subscale.items(), allowed, responses));
        }
        return new Scores(total, subscales);
    }

    private static Score score(Instrument instrument, List<Integer> items, int allowedMissing,
                               Map<Integer, Integer> responses) {
        double sum = 0;
        int answered = 0;
        for (int item : items) {
            Integer value = responses.get(item);
            if (value != null) {
                sum += instrument.reversed().contains(item) ? instrument.itemMin() + instrument.itemMax() - value : value;
                answered++;
            }
        }
        int missing = items.size() - answered;
        if (missing > allowedMissing || answered == 0) {
            return Score.missing(missing + " of " + items.size() + " items unanswered; at most " + allowedMissing
                    + " may be prorated");
        }
        double mean = sum / answered;
        return new Score(instrument.total() == TotalRule.MEAN ? mean : mean * items.size(), missing > 0, null);
    }
}
