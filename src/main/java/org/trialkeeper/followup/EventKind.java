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
    DID_NOT_RECEIVE("did-not-receive", "Did not receive the allocated intervention", ParticipantStatus.DID_NOT_RECEIVE),
    DISCONTINUED("discontinued", "Discontinued the intervention", ParticipantStatus.DISCONTINUED),
    LOST_TO_FOLLOW_UP("lost-to-follow-up", "Lost to follow-up", ParticipantStatus.LOST_TO_FOLLOW_UP),
    WITHDREW_CONSENT("withdrew-consent", "Withdrew consent", ParticipantStatus.WITHDRAWN),
    EXCLUDED_FROM_ANALYSIS("excluded-from-analysis", "Excluded from analysis", ParticipantStatus.EXCLUDED_FROM_ANALYSIS),
    DELAYED_INTERVENTION_OFFERED("delayed-intervention-offered", "Delayed intervention offered (waitlist)", null),
    DELAYED_INTERVENTION_STARTED("delayed-intervention-started", "Delayed intervention started (waitlist)", null);

    private final String code;
    private final String label;
    private final ParticipantStatus moves;

    EventKind(String code, String label, ParticipantStatus moves) {
        this.code = code;
        this.label = label;
        this.moves = moves;
    }

    public String code() {
        return code;
    }

    /** The kind as people read it. */
    public String label() {
        return label;
    }

    /** Whether the kind belongs to the waitlist's delayed intervention, not to the trial's arms as such. */
    public boolean waitlistOnly() {
        return this == DELAYED_INTERVENTION_OFFERED || this == DELAYED_INTERVENTION_STARTED;
    }

    /** The status the participant moves to, if this kind moves one. */
    public Optional<ParticipantStatus> moves() {
        return Optional.ofNullable(moves);
    }

    public static Optional<EventKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(EventKind::code).collect(Collectors.joining(", "));
    }
}
