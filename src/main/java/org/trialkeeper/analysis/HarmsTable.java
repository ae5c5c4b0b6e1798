package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

/**
 * Adverse events by arm as randomised (CONSORT item 21): participants with at least one event and
 * with a serious one, events, serious events, and events by severity and by relatedness, per arm
 * and in total. Everyone randomised counts, but for those who withdrew consent without letting
 * their data be used. A blinded table has the total column only, for the reason the rest of the
 * interim report does: with small arms, or events that only the intervention brings, a column
 * under any label would tell whose arm is whose.
 */
public final class HarmsTable {

    /** The column of a blinded table. */
    public static final String POOLED = "All randomised (pooled until LOCKED)";

    private HarmsTable() {
    }

    /** One adverse event: whose, whether serious, and its severity's and relatedness's codes. */
    public record Harm(long participantId, boolean serious, String severity, String relatedness) {
    }

    /** A trial's adverse events, with the severity and relatedness codes in the order the table lists them. */
    public record Events(List<String> severities, List<String> relatedness, List<Harm> harms) {
    }

    /**
     * @param groups       the columns: each arm's label then "Total", or the pooled column alone
     * @param participants the participants each column counts
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(List<String> groups, List<Long> participants, List<Row> rows, String note) {
    }

    /**
     * @param measure  what is counted: {@code participants-with-event}, {@code participants-with-serious-event},
     *                 {@code events}, {@code serious-events}, {@code events-by-severity}, {@code events-by-relatedness}
     * @param level    the severity or relatedness counted, for the last two
     * @param percents of each column's participants, for counts of participants
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String measure, String level, List<Long> counts,
                      @ArraySchema(items = @Schema(type = "number", format = "double", nullable = true)) List<Double> percents) {
    }

    public static Table of(TrialData data, Events events, Map<String, String> labels, boolean unblinded) {
        List<String> arms = data.arms().stream().map(TrialData.ArmInfo::code).toList();
        List<String> groups = new ArrayList<>();
        if (unblinded) {
            arms.forEach(arm -> groups.add(labels.getOrDefault(arm, arm)));
            groups.add("Total");
        } else {
            groups.add(POOLED);
        }
        HarmCounts counts = new HarmCounts(groups.size(), events);
        Cohort people = data.people();
        for (int person = 0; person < people.size(); person++) {
            if (counted(people, person)) {
                counts.participant(column(arms, people.arm(person), unblinded));
            }
        }
        for (Harm harm : events.harms()) {
            int person = people.indexOf(harm.participantId());
            if (person >= 0 && counted(people, person)) {
                counts.event(column(arms, people.arm(person), unblinded), person, harm);
            }
        }
        return new Table(groups, counts.participants(), counts.rows(), unblinded
                ? "Participants as randomised; events counted once each, participants once however many events they had"
                : "Pooled over the arms until the trial is LOCKED; events counted once each, participants once");
    }

    private static boolean counted(Cohort people, int person) {
        return people.randomised(person) && people.keepData(person);
    }

    /** The arm's own column, or none when blinded; the total is always the last. */
    private static int column(List<String> arms, String arm, boolean unblinded) {
        return unblinded ? arms.indexOf(arm) : -1;
    }
}
