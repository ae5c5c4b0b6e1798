package org.trialkeeper.analysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a report is computed from, read from the live data at one moment: the arms, the
 * baseline characteristics and outcomes the protocol names, and every person screened.
 *
 * @param people          everyone screened, column by column
 * @param arms            in protocol order; exactly one has the intervention role
 * @param outcomes        primary first
 * @param sessions        the intervention's sessions per participant
 * @param unblindings     emergency unblindings so far
 * @param period          when recruitment and follow-up happened, as far as the data go
 */
public record TrialData(String title, String registryId, List<ArmInfo> arms, List<Characteristic> characteristics,
                        List<OutcomeInfo> outcomes, String baselineTimepoint, List<String> timepoints, int sessions,
                        Cohort people, long unblindings, Period period) {

    /** Without dates, as a trial written by hand for a test has none. */
    public TrialData(String title, String registryId, List<ArmInfo> arms, List<Characteristic> characteristics,
                     List<OutcomeInfo> outcomes, String baselineTimepoint, List<String> timepoints, int sessions,
                     Cohort people, long unblindings) {
        this(title, registryId, arms, characteristics, outcomes, baselineTimepoint, timepoints, sessions, people, unblindings,
                Period.NONE);
    }

    /** With everyone screened given one by one, as a few people are most clearly written. */
    public TrialData(String title, String registryId, List<ArmInfo> arms, List<Characteristic> characteristics,
                     List<OutcomeInfo> outcomes, String baselineTimepoint, List<String> timepoints, int sessions,
                     List<Person> people, long unblindings) {
        this(title, registryId, arms, characteristics, outcomes, baselineTimepoint, timepoints, sessions,
                CohortBuilder.of(characteristics, people), unblindings);
    }

    /**
     * The dates of the first and last randomisation and of the last follow-up assessment (CONSORT
     * item 14a), each null until there is one.
     */
    public record Period(LocalDate firstRandomised, LocalDate lastRandomised, LocalDate lastFollowUp) {

        public static final Period NONE = new Period(null, null, null);
    }

    /** An arm: code, label, and whether it is the intervention (the other is the comparator). */
    public record ArmInfo(String code, String label, boolean intervention) {
    }

    /**
     * A baseline characteristic: numeric, or a category with its levels.
     *
     * @param levelLabels how each level is shown, in the order of {@code levels}
     */
    public record Characteristic(String id, String label, boolean numeric, List<String> levels, List<String> levelLabels) {

        /** Levels shown as their codes in words ("master-or-higher" as "Master or higher"). */
        public Characteristic(String id, String label, boolean numeric, List<String> levels) {
            this(id, label, numeric, levels, levels.stream().map(BaselineLevels::label).toList());
        }

        String levelLabel(int level) {
            return levelLabels.get(level);
        }
    }

    /** An outcome: an instrument's total (subscale null), or one of its subscales, compared at a timepoint. */
    public record OutcomeInfo(String instrument, String subscale, String label, String timepoint, boolean primary) {

        /** What the outcome is shown as: the instrument, or instrument/subscale. */
        public String key() {
            return subscale == null ? instrument : instrument + "/" + subscale;
        }

        /** Where a person's score of this outcome at the timepoint is found in {@link Cohort#score}. */
        public ScoreKey at(String timepoint) {
            return new ScoreKey(timepoint, instrument, subscale);
        }
    }

    /** What happened to a person after randomisation, with its reason. */
    public record Event(EventKind kind, String reason) {
    }

    /**
     * One person screened, as a few are written by hand; a report holds everyone in a {@link Cohort}.
     *
     * @param arm          the arm's code, or null if never randomised
     * @param status       the person's status now, which also tells how screening ended
     * @param scores       every score the person has; a missing score is absent
     * @param guess        the assessor's guess, or null
     * @param sessionsAttended null unless attendance was recorded
     */
    public record Person(String code, String site, List<String> failedCriteria, String arm, Status status,
                         List<Event> events, boolean keepData, Map<String, Object> baseline,
                         Map<ScoreKey, Double> scores, Guess guess, Integer sessionsAttended,
                         boolean perProtocolExcluded) {

        public boolean randomised() {
            return arm != null;
        }
    }
}
