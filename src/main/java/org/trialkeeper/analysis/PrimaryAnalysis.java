package org.trialkeeper.analysis;

/** The primary outcome's complete cases: who has both its baseline and its follow-up score. */
record PrimaryAnalysis(ScoreKey baseline, ScoreKey post, String noBaseline, String noPost) {

    static PrimaryAnalysis of(TrialData data) {
        TrialData.OutcomeInfo primary = data.outcomes().get(0);
        return new PrimaryAnalysis(primary.at(data.baselineTimepoint()), primary.at(primary.timepoint()),
                "no " + data.baselineTimepoint() + " " + primary.label(), "no " + primary.timepoint() + " " + primary.label());
    }

    /** Why a randomised participant is left out of the primary analysis, or null if they are analysed. */
    String exclusion(Cohort people, int person) {
        if (people.status(person) == Status.EXCLUDED_FROM_ANALYSIS) {
            return "excluded: " + ConsortFlow.why(people, person);
        }
        if (!people.keepData(person)) {
            return "withdrew consent; data not to be used";
        }
        if (!people.hasScore(baseline, person)) {
            return noBaseline;
        }
        if (!people.hasScore(post, person)) {
            return noPost;
        }
        return null;
    }
}
