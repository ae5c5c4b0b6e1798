package org.trialkeeper.report;

import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.trial.TrialStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial as the database held it at one moment: everything its CONSORT report and its
 * exports are computed from.
 *
 * @param labels the label each arm is shown under, by code: its own once LOCKED, a neutral one before
 * @param data   the protocol's facts and everyone screened, in the analysis package's terms
 * @param ids    the participant id of each of {@code data.people()}, in the same order
 */
record TrialSnapshot(long trialId, TrialStatus status, Map<String, String> labels, TrialData data, long[] ids) {

    /** Results by arm, and participant- and item-level data, are shown only once the database is LOCKED. */
    boolean locked() {
        return status == TrialStatus.LOCKED;
    }

    /**
     * The people by participant id, in the order they were screened: made when an export asks,
     * since the report itself never looks a participant up and a map of a million is large.
     */
    Map<Long, TrialData.Person> participants() {
        Map<Long, TrialData.Person> participants = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            participants.put(ids[i], data.people().get(i));
        }
        return participants;
    }
}
