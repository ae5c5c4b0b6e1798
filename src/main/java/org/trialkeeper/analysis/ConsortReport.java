package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of the CONSORT report, computed from one snapshot of the data. An unblinded
 * report shows the arms by their labels, with outcome results by arm and the blinding indices.
 * A blinded interim report splits nothing by arm, not even under neutral labels: with arms as
 * small as one participant, or events that only one arm has (sessions attended), a count by
 * label would tell which label is the intervention and whose arm is whose. So its flow is one
 * column of everyone randomised, its baseline table has the overall column only, outcomes are
 * for everyone together, and guesses are counted without indices.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsortReport(String title, String registryId, boolean unblinded, List<String> groups,
                            ConsortFlow.Flow flow, BaselineTable.Table baseline, List<OutcomeTable.Row> outcomes,
                            Blinding blinding, Attendance attendance, long emergencyUnblindings, Recruitment recruitment,
                            Prespecified prespecified, HarmsTable.Table harms, SelectionBias.Table selectionBias) {

    /** Assessors' guesses counted by guess and, when unblinded, by arm, with Bang's and James' indices. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blinding(long guesses, Map<String, Map<String, Long>> counts, Estimate james,
                           Estimate bangIntervention, Estimate bangControl, String note) {
    }

    /** Sessions attended per participant with attendance recorded: median and range. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attendance(int sessions, long participants, Double median, Integer fewest, Integer most,
                             long perProtocolExcluded) {
    }

    /** The one column of a blinded report's flow diagram: everyone randomised, whichever arm. */
    public static final String POOLED = "any arm (pooled until LOCKED)";

    /**
     * @param labels    the label each arm is shown under when unblinded
     * @param unblinded whether figures by arm may be shown; if not, every figure is pooled over the arms
     */
    public static ConsortReport compute(TrialData data, Map<String, String> labels, boolean unblinded, boolean baselineTests) {
        return compute(data, Prespecified.Plan.NONE, labels, unblinded, baselineTests);
    }

    /** The report with the analyses the protocol planned beside the primary one. */
    public static ConsortReport compute(TrialData data, Prespecified.Plan plan, Map<String, String> labels, boolean unblinded,
                                        boolean baselineTests) {
        if (!unblinded) {
            return new ConsortReport(data.title(), data.registryId(), false, List.of(), ConsortFlow.pooled(data, POOLED),
                    BaselineTable.of(data, List.of(), Map.of(), false), OutcomeTable.of(data, List.of(), Map.of(), false),
                    blinding(data, false), attendance(data), data.unblindings(), Recruitment.of(data, List.of(), Map.of()),
                    Prespecified.of(data, plan, List.of(), Map.of(), false), null, null);
        }
        List<String> groups = data.arms().stream().map(TrialData.ArmInfo::code).toList();
        List<String> shown = groups.stream().map(labels::get).toList();
        return new ConsortReport(data.title(), data.registryId(), true, shown, ConsortFlow.of(data, groups, labels),
                BaselineTable.of(data, groups, labels, baselineTests), OutcomeTable.of(data, groups, labels, true),
                blinding(data, true), attendance(data), data.unblindings(), Recruitment.of(data, groups, labels),
                Prespecified.of(data, plan, groups, labels, true), null, null);
    }

    /** This report with its harms table, which is counted from adverse events the trial's data does not hold. */
    public ConsortReport withHarms(HarmsTable.Table table) {
        return new ConsortReport(title, registryId, unblinded, groups, flow, baseline, outcomes, blinding, attendance,
                emergencyUnblindings, recruitment, prespecified, table, selectionBias);
    }

    /**
     * This report with Berger and Exner's test of selection bias, which needs the order of the
     * allocations and the lists they came from, which the trial's data does not hold.
     */
    public ConsortReport withSelectionBias(SelectionBias.Table table) {
        return new ConsortReport(title, registryId, unblinded, groups, flow, baseline, outcomes, blinding, attendance,
                emergencyUnblindings, recruitment, prespecified, harms, table);
    }

    private static Blinding blinding(TrialData data, boolean unblinded) {
        String intervention = data.arms().stream().filter(TrialData.ArmInfo::intervention).map(TrialData.ArmInfo::code)
                .findFirst().orElse(null);
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        (unblinded ? List.of("intervention", "control") : List.of("all")).forEach(truth -> counts.put(truth, new LinkedHashMap<>()));
        long[] table = new long[6];
        long guesses = 0;
        Cohort people = data.people();
        int interventionArm = intervention == null ? Cohort.NONE : people.armCode(intervention);
        for (int person = 0; person < people.size(); person++) {
            Guess guess = people.guess(person);
            if (!people.randomised(person) || guess == null) {
                continue;
            }
            guesses++;
            boolean inIntervention = people.arms[person] == interventionArm;
            String truth = unblinded ? (inIntervention ? "intervention" : "control") : "all";
            counts.computeIfAbsent(truth, t -> new LinkedHashMap<>()).merge(guess.code(), 1L, Long::sum);
            int column = inIntervention ? 0 : 1;
            int row = switch (guess) {
                case INTERVENTION -> 0;
                case CONTROL -> 1;
                case DONT_KNOW -> 2;
            };
            table[row * 2 + column]++;
        }
        if (!unblinded) {
            return new Blinding(guesses, counts, null, null, null,
                    "blinding indices need the arms and are shown after the trial is LOCKED");
        }
        if (guesses == 0) {
            return new Blinding(0, counts, null, null, null, "no assessor answered which arm they thought it was");
        }
        BlindingIndex.Result result = BlindingIndex.of(new GuessTable(table[0], table[1], table[2], table[3], table[4], table[5]));
        return new Blinding(guesses, counts, result.james().orElse(null), result.bangIntervention().orElse(null),
                result.bangControl().orElse(null), "James' index near 0 suggests unblinding, near 1 blinding; "
                + "Bang's index near 0 is consistent with blinding in that arm, near 1 or -1 with unblinding");
    }

    private static Attendance attendance(TrialData data) {
        int[] attended = java.util.Arrays.stream(data.people().attended).filter(n -> n != Cohort.NONE).sorted().toArray();
        long excluded = data.people().perProtocolExcluded.cardinality();
        if (attended.length == 0) {
            return new Attendance(data.sessions(), 0, null, null, null, excluded);
        }
        int n = attended.length;
        double median = n % 2 == 1 ? attended[n / 2] : (attended[n / 2 - 1] + attended[n / 2]) / 2.0;
        return new Attendance(data.sessions(), n, median, attended[0], attended[n - 1], excluded);
    }
}
