package org.trialkeeper.report;

import org.trialkeeper.analysis.HarmsTable;
import org.trialkeeper.analysis.Prespecified;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.trial.TrialStatus;

import java.util.Map;

/**
 * One trial as the database held it at one moment: everything its CONSORT report and its
 * exports are computed from.
 *
 * @param labels the label each arm is shown under, by code: its own once LOCKED, a neutral one before
 * @param data   the protocol's facts and everyone screened, in the analysis package's terms
 * @param plan   the analyses the protocol plans beside the primary one, and its sample-size plan
 * @param harms  the trial's adverse events
 * @param interventionGuess each person's convergence guess of the intervention, by their place in the data; NaN if never randomised
 */
record TrialSnapshot(long trialId, TrialStatus status, Map<String, String> labels, TrialData data, Prespecified.Plan plan,
                     HarmsTable.Events harms, double[] interventionGuess) {

    /** Results by arm, and participant- and item-level data, are shown only once the database is LOCKED. */
    boolean locked() {
        return status == TrialStatus.LOCKED;
    }
}
