package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's subgroup analyses, each outcome by each categorical baseline characteristic
 * named: the arm-by-subgroup interaction and the adjusted difference in every level, among those
 * the primary analysis keeps. A level without both arms cannot show a difference; it is counted
 * and left out of the model.
 */
public final class Subgroups {

    private Subgroups() {
    }

    @Serdeable
    /** @param label how the level is shown: the protocol's label, or its code in words */
    public record Level(String level, long intervention, long control, Estimate difference, Double p, String label) {
    }

    @Serdeable
    public record Interaction(double f, int df1, int df2, double p) {
    }

    @Serdeable
    public record Row(String outcome, String label, String subgroup, String subgroupLabel, Integer n,
                      Interaction interaction, List<Level> levels, String missingBecause) {
    }

    static List<Row> of(TrialData data, List<String> subgroups) {
        List<Row> rows = new ArrayList<>();
        for (TrialData.OutcomeInfo outcome : data.outcomes()) {
            for (String id : subgroups) {
                data.characteristics().stream().filter(c -> c.id().equals(id) && !c.numeric()).findFirst()
                        .ifPresent(characteristic -> rows.add(row(data, outcome, characteristic)));
            }
        }
        return rows;
    }

    private static Row row(TrialData data, TrialData.OutcomeInfo outcome, TrialData.Characteristic characteristic) {
        Cohort people = data.people();
        int interventionArm = data.arms().stream().filter(TrialData.ArmInfo::intervention).findFirst()
                .map(arm -> people.armCode(arm.code())).orElse(Cohort.NONE);
        Cohort.BaselineColumn column = people.baseline.get(characteristic.id());
        List<String> levels = characteristic.levels();
        int[] levelOf = column.texts().stream().mapToInt(levels::indexOf).toArray();
        ScoreKey before = outcome.at(data.baselineTimepoint());
        ScoreKey after = outcome.at(outcome.timepoint());
        List<SubgroupAncova.Observation> all = new ArrayList<>();
        long[][] counts = new long[levels.size()][2];
        for (int p = 0; p < people.size(); p++) {
            int category = column.categories()[p];
            int level = category == Cohort.NONE ? -1 : levelOf[category];
            double baseline = people.score(before, p);
            double post = people.score(after, p);
            if (level < 0 || !OutcomeTable.analysed(people, p) || Double.isNaN(baseline) || Double.isNaN(post)) {
                continue;
            }
            boolean intervention = people.arms[p] == interventionArm;
            counts[level][intervention ? 0 : 1]++;
            all.add(new SubgroupAncova.Observation(baseline, post, intervention, level));
        }
        int[] modelLevel = new int[levels.size()];
        int modelled = 0;
        for (int level = 0; level < levels.size(); level++) {
            modelLevel[level] = counts[level][0] > 0 && counts[level][1] > 0 ? modelled++ : -1;
        }
        List<SubgroupAncova.Observation> observations = all.stream().filter(o -> modelLevel[o.level()] >= 0)
                .map(o -> new SubgroupAncova.Observation(o.baseline(), o.post(), o.intervention(), modelLevel[o.level()]))
                .toList();
        try {
            SubgroupAncova.Result result = SubgroupAncova.fit(observations, modelled);
            List<Level> shown = new ArrayList<>();
            for (int level = 0; level < levels.size(); level++) {
                int m = modelLevel[level];
                shown.add(new Level(levels.get(level), counts[level][0], counts[level][1],
                        m < 0 ? null : result.differences().get(m), m < 0 ? null : result.pValues().get(m),
                        characteristic.levelLabel(level)));
            }
            return new Row(outcome.key(), outcome.label(), characteristic.id(), characteristic.label(), result.n(),
                    new Interaction(result.f(), result.df1(), result.df2(), result.p()), shown, null);
        } catch (IllegalArgumentException e) {
            List<Level> shown = new ArrayList<>();
            for (int level = 0; level < levels.size(); level++) {
                shown.add(new Level(levels.get(level), counts[level][0], counts[level][1], null, null,
                        characteristic.levelLabel(level)));
            }
            return new Row(outcome.key(), outcome.label(), characteristic.id(), characteristic.label(), null, null, shown,
                    e.getMessage());
        }
    }
}
