package org.trialkeeper.analysis;

import java.util.List;
import java.util.Map;

/**
 * Everything a report is computed from, read from the live data at one moment: the arms, the
 * baseline characteristics and outcomes the protocol names, and every person screened.
 *
 * @param arms            in protocol order; exactly one has the intervention role
 * @param outcomes        primary first
 * @param sessions        the intervention's sessions per participant
 * @param unblindings     emergency unblindings so far
 */
public record TrialData(String title, String registryId, List<ArmInfo> arms, List<Characteristic> characteristics,
                        List<OutcomeInfo> outcomes, String baselineTimepoint, List<String> timepoints, int sessions,
                        List<Person> people, long unblindings) {

    /** An arm: code, label, and whether it is the intervention (the other is the comparator). */
    public record ArmInfo(String code, String label, boolean intervention) {
    }

    /** A baseline characteristic: numeric, or a category with its levels. */
    public record Characteristic(String id, String label, boolean numeric, List<String> levels) {
    }

    /**
     * An outcome: an instrument's total, or one of its subscales, compared at a timepoint.
     *
     * @param key how scores are keyed in {@link Person#scores()}: instrument, or instrument/subscale
     */
    public record OutcomeInfo(String key, String label, String timepoint, boolean primary) {
    }

    /** What happened to a person after randomisation, with its reason. */
    public record Event(String kind, String reason) {
    }

    /**
     * One person screened.
     *
     * @param screening    ENROLLED, INELIGIBLE or DECLINED: how screening ended
     * @param arm          the arm's code, or null if never randomised
     * @param status       the participant's status now
     * @param scores       "timepoint/key" to score; a missing score is absent
     * @param guess        the assessor's guess (intervention, control, dont-know) or null
     * @param sessionsAttended null unless attendance was recorded
     */
    public record Person(String code, String site, String screening, List<String> failedCriteria, String arm,
                         String status, List<Event> events, boolean keepData, Map<String, Object> baseline,
                         Map<String, Double> scores, String guess, Integer sessionsAttended,
                         boolean perProtocolExcluded) {

        public boolean randomised() {
            return arm != null;
        }
    }
}
