package org.trialkeeper.report;

import org.trialkeeper.analysis.EventKind;
import org.trialkeeper.analysis.Guess;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.participant.ParticipantStatus;

import java.util.Arrays;

/**
 * The feature packages' values in the analysis package's own terms, which know nothing of the
 * service. A switch over every value, so that a status or event kind added to a feature does
 * not compile until the report says how to count it.
 */
final class AnalysisTerms {

    private AnalysisTerms() {
    }

    static Status status(ParticipantStatus status) {
        return switch (status) {
            case INELIGIBLE -> Status.INELIGIBLE;
            case DECLINED -> Status.DECLINED;
            case ENROLLED -> Status.ENROLLED;
            case RANDOMISED -> Status.RANDOMISED;
            case DID_NOT_RECEIVE -> Status.DID_NOT_RECEIVE;
            case DISCONTINUED -> Status.DISCONTINUED;
            case LOST_TO_FOLLOW_UP -> Status.LOST_TO_FOLLOW_UP;
            case WITHDRAWN -> Status.WITHDRAWN;
            case EXCLUDED_FROM_ANALYSIS -> Status.EXCLUDED_FROM_ANALYSIS;
        };
    }

    static EventKind eventKind(org.trialkeeper.followup.EventKind kind) {
        return switch (kind) {
            case DID_NOT_RECEIVE -> EventKind.DID_NOT_RECEIVE;
            case DISCONTINUED -> EventKind.DISCONTINUED;
            case LOST_TO_FOLLOW_UP -> EventKind.LOST_TO_FOLLOW_UP;
            case WITHDREW_CONSENT -> EventKind.WITHDREW_CONSENT;
            case EXCLUDED_FROM_ANALYSIS -> EventKind.EXCLUDED_FROM_ANALYSIS;
            case DELAYED_INTERVENTION_OFFERED, DELAYED_INTERVENTION_STARTED -> EventKind.DELAYED_INTERVENTION;
        };
    }

    /** A guess as assessment stores it, by its code (which assessment checks on entry); null stays null. */
    static Guess guess(String code) {
        if (code == null) {
            return null;
        }
        return Arrays.stream(Guess.values()).filter(g -> g.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("an assessment holds an unknown guess"));
    }
}
