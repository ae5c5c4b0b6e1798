package org.trialkeeper.assessment;

import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.protocol.Subscale;
import org.trialkeeper.protocol.TotalRule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest {

    private final Protocol seed = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));
    private final Instrument qwl = seed.instrument("QWL").orElseThrow();

    private static Map<Integer, Integer> answers(int items, int value) {
        Map<Integer, Integer> answers = new HashMap<>();
        for (int item = 1; item <= items; item++) {
            answers.put(item, value);
        }
        return answers;
    }

    @Test
    void theTotalAndSubscalesAreSumsOfTheirItems() {
        Map<Integer, Integer> answers = answers(35, 3);
        answers.put(1, 5);
        Scoring.Scores scores = Scoring.score(qwl, answers);
        assertEquals(107.0, scores.total().value());
        assertFalse(scores.total().prorated());
        assertEquals(14.0, scores.subscales().get("payment").value());
        assertEquals(18.0, scores.subscales().get("safety").value());
        assertEquals(8, scores.subscales().size());
    }

    @Test
    void reversedItemsCountFromTheOtherEnd() {
        Instrument reversed = new Instrument("X", "X", 4, 1, 5, List.of(2, 4), List.of(new Subscale("s", "S", List.of(1, 2))),
                TotalRule.SUM, 0);
        Scoring.Scores scores = Scoring.score(reversed, Map.of(1, 5, 2, 5, 3, 1, 4, 2));
        assertEquals(5.0 + 1 + 1 + 4, scores.total().value());
        assertEquals(6.0, scores.subscales().get("s").value());
    }

    @Test
    void missingItemsAreProratedOnlyWithinTheProtocolsAllowance() {
        Map<Integer, Integer> answers = answers(35, 4);
        answers.remove(7);
        answers.remove(30);
        Scoring.Scores twoMissing = Scoring.score(qwl, answers);
        assertEquals(140.0, twoMissing.total().value(), 1e-9);
        assertTrue(twoMissing.total().prorated());
        // safety (6 items) may prorate 3 * 6 / 35 = 0 items: its one missing item leaves it missing
        assertNull(twoMissing.subscales().get("safety").value());
        assertEquals("1 of 6 items unanswered; at most 0 may be prorated", twoMissing.subscales().get("safety").missingBecause());
        answers.remove(1);
        answers.remove(2);
        Scoring.Score fourMissing = Scoring.score(qwl, answers).total();
        assertNull(fourMissing.value());
        assertEquals("4 of 35 items unanswered; at most 3 may be prorated", fourMissing.missingBecause());
    }

    @Test
    void aMeanRuleAveragesTheAnsweredItems() {
        Instrument mean = new Instrument("M", "M", 5, 1, 5, List.of(), List.of(), TotalRule.MEAN, 1);
        assertEquals(3.5, Scoring.score(mean, Map.of(1, 2, 2, 3, 3, 4, 4, 5)).total().value(), 1e-12);
    }
}
