package org.trialkeeper.analysis;

import java.util.Arrays;

/**
 * Whether a participant received the allocated intervention, from what was recorded and never by
 * assumption. A did-not-receive event says no, with its reason. In an arm with sessions during
 * the trial (the intervention), attendance says: a session attended is yes, attendance recorded
 * with none attended is no, and no attendance recorded leaves it unknown. In an arm without
 * sessions (a waitlist or usual care) what was allocated is to go without the intervention until
 * the primary outcome's follow-up: that follow-up entered says it was received (a waitlist's
 * delayed intervention is offered only after it), and without it receipt is unknown. A blinded
 * report may not use the arm, so there every participant is judged by attendance alone.
 */
final class Receipt {

    static final String ATTENDED_NONE = "attended none of the sessions";

    /** By the cohort's own arm code: whether the arm's participants have sessions during the trial. */
    private final boolean[] withSessions;
    private final ScoreKey followUp;

    private Receipt(boolean[] withSessions, ScoreKey followUp) {
        this.withSessions = withSessions;
        this.followUp = followUp;
    }

    static Receipt of(TrialData data) {
        Cohort people = data.people();
        boolean[] withSessions = new boolean[people.armCodes.size()];
        for (TrialData.ArmInfo arm : data.arms()) {
            int code = people.armCode(arm.code());
            if (code != Cohort.NONE) {
                withSessions[code] = arm.intervention();
            }
        }
        return new Receipt(withSessions, followUp(data));
    }

    /** For a column of every arm together: by attendance alone, whatever the arm. */
    static Receipt pooled(TrialData data) {
        boolean[] withSessions = new boolean[data.people().armCodes.size()];
        Arrays.fill(withSessions, true);
        return new Receipt(withSessions, followUp(data));
    }

    private static ScoreKey followUp(TrialData data) {
        TrialData.OutcomeInfo primary = data.outcomes().get(0);
        return primary.at(primary.timepoint());
    }

    /** Why the randomised participant did not receive the allocated intervention, or null unless that was recorded. */
    String notReceived(Cohort people, int person) {
        if (people.hasEvent(person, EventKind.DID_NOT_RECEIVE)) {
            return people.lastReason(person, EventKind.DID_NOT_RECEIVE, ConsortFlow.NOT_RECORDED);
        }
        if (withSessions[people.arms[person]] && people.sessionsAttended(person) != null && people.sessionsAttended(person) == 0) {
            return ATTENDED_NONE;
        }
        return null;
    }

    /** Whether the record shows that the participant, with no reason recorded why not, received it. */
    boolean received(Cohort people, int person) {
        if (withSessions[people.arms[person]]) {
            Integer attended = people.sessionsAttended(person);
            return attended != null && attended > 0;
        }
        return people.hasScore(followUp, person);
    }
}
