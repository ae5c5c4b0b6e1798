package org.trialkeeper.followup;

import org.trialkeeper.participant.ParticipantStatus;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What can happen to a participant after randomisation. Most kinds move the participant's
 * status; the waitlist's delayed intervention is recorded without changing it (nor the arm).
 */
public enum EventKind {
    DID_NOT_RECEIVE("did-not-receive", ParticipantStatus.DID_NOT_RECEIVE),
    DISCONTINUED("discontinued", ParticipantStatus.DISCONTINUED),
    LOST_TO_FOLLOW_UP("lost-to-follow-up", ParticipantStatus.LOST_TO_FOLLOW_UP),
    WITHDREW_CONSENT("withdrew-consent", ParticipantStatus.WITHDRAWN),
    EXCLUDED_FROM_ANALYSIS("excluded-from-analysis", ParticipantStatus.EXCLUDED_FROM_ANALYSIS),
    DELAYED_INTERVENTION_OFFERED("delayed-intervention-offered", null),
    DELAYED_INTERVENTION_STARTED("delayed-intervention-started", null);

    private final String code;
    private final ParticipantStatus moves;

    EventKind(String code, ParticipantStatus moves) {
        this.code = code;
        this.moves = moves;
    }

    public String code() {
        return code;
    }

    /** The status the participant moves to, if this kind moves one. */
    public Optional<ParticipantStatus> moves() {
        return Optional.ofNullable(moves);
    }

    static Optional<EventKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(EventKind::code).collect(Collectors.joining(", "));
    }
}
