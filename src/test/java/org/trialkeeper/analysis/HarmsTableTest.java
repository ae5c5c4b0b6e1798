package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HarmsTableTest {

    private static final List<TrialData.ArmInfo> ARMS = List.of(new TrialData.ArmInfo("BALINT", "Balint groups", true),
            new TrialData.ArmInfo("WAITLIST", "Waitlist", false));
    private static final Map<String, String> LABELS = Map.of("BALINT", "Balint groups", "WAITLIST", "Waitlist");
    private static final List<String> SEVERITIES = List.of("mild", "moderate", "severe");
    private static final List<String> RELATEDNESS = List.of("not-related", "unlikely", "possible", "probable", "definite");

    /** Ids 0-2 Balint, 3-5 waitlist, 6 never randomised, 7 a Balint withdrawal whose data may not be used. */
    private static TrialData trial() {
        List<TrialData.Person> people = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String arm = i < 3 || i == 7 ? "BALINT" : i < 6 ? "WAITLIST" : null;
            people.add(new TrialData.Person("P" + i, "RAZI", List.of(), arm,
                    arm == null ? Status.ENROLLED : i == 7 ? Status.WITHDRAWN : Status.RANDOMISED, List.of(), i != 7,
                    Map.of(), Map.of(), null, null, false));
        }
        return new TrialData("harms", null, ARMS, List.of(), List.of(), "baseline", List.of("baseline", "post"), 8, people, 0);
    }

    private static HarmsTable.Events events() {
        return new HarmsTable.Events(SEVERITIES, RELATEDNESS, List.of(
                new HarmsTable.Harm(0, false, "mild", "possible"),
                new HarmsTable.Harm(0, true, "severe", "probable"),
                new HarmsTable.Harm(0, false, "mild", "possible"),
                new HarmsTable.Harm(1, false, "moderate", "unlikely"),
                new HarmsTable.Harm(4, true, "moderate", "not-related"),
                new HarmsTable.Harm(7, true, "severe", "definite")));
    }

    private static List<Long> counts(HarmsTable.Table table, String measure, String level) {
        return table.rows().stream().filter(r -> r.measure().equals(measure) && java.util.Objects.equals(r.level(), level))
                .findFirst().orElseThrow().counts();
    }

    @Test
    void countsParticipantsOnceAndEventsEachTimeByArmAndInTotal() {
        HarmsTable.Table table = HarmsTable.of(trial(), events(), LABELS, true);
        assertEquals(List.of("Balint groups", "Waitlist", "Total"), table.groups());
        assertEquals(List.of(3L, 3L, 6L), table.participants(), "the withdrawal without consent to use data is left out");
        assertEquals(List.of(2L, 1L, 3L), counts(table, "participants-with-event", null));
        assertEquals(List.of(1L, 1L, 2L), counts(table, "participants-with-serious-event", null));
        assertEquals(List.of(4L, 1L, 5L), counts(table, "events", null));
        assertEquals(List.of(1L, 1L, 2L), counts(table, "serious-events", null));
        assertEquals(List.of(2L, 0L, 2L), counts(table, "events-by-severity", "mild"));
        assertEquals(List.of(1L, 1L, 2L), counts(table, "events-by-severity", "moderate"));
        assertEquals(List.of(1L, 0L, 1L), counts(table, "events-by-severity", "severe"));
        assertEquals(List.of(0L, 1L, 1L), counts(table, "events-by-relatedness", "not-related"));
        assertEquals(List.of(2L, 0L, 2L), counts(table, "events-by-relatedness", "possible"));
        assertEquals(List.of(0L, 0L, 0L), counts(table, "events-by-relatedness", "definite"));
        HarmsTable.Row withEvent = table.rows().get(0);
        assertEquals(200.0 / 3, withEvent.percents().get(0), 1e-12);
        assertEquals(50.0, withEvent.percents().get(2), 1e-12);
        assertNull(table.rows().get(2).percents(), "events are not a share of participants");
    }

    @Test
    void aBlindedTableHasThePooledColumnOnlyWithTheTotals() {
        HarmsTable.Table blinded = HarmsTable.of(trial(), events(), Map.of(), false);
        HarmsTable.Table unblinded = HarmsTable.of(trial(), events(), LABELS, true);
        assertEquals(List.of(HarmsTable.POOLED), blinded.groups());
        assertEquals(List.of(6L), blinded.participants());
        for (int row = 0; row < blinded.rows().size(); row++) {
            List<Long> total = unblinded.rows().get(row).counts();
            assertEquals(List.of(total.get(total.size() - 1)), blinded.rows().get(row).counts());
        }
    }
}
