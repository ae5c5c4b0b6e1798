package org.trialkeeper.randomisation.timestamp;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.randomisation.scheme.Commitment;

import java.time.Clock;
import java.time.Instant;

/** Records how an attempt ended, with an audit record when the stamp settles. */
@Singleton
class StampOutcomes {

    private final CommitmentTimestampRepository stamps;
    private final TimestampSettings settings;
    private final AuditTrail audit;
    private final Clock clock;

    StampOutcomes(CommitmentTimestampRepository stamps, TimestampSettings settings, AuditTrail audit, Clock clock) {
        this.stamps = stamps;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void stamped(CommitmentTimestamp stamp, byte[] token, String from) throws TimestampRefused {
        TokenFacts facts = TimeStamps.facts(token);
        stamps.update(stamp.stamped(token, from, clock.instant()));
        audit.record(AuditEvent.of(Actor.SYSTEM, stamp.trialId(), "randomisation.timestamped", "randomisation",
                stamp.trialId()).after(AuditEvent.fields("authority", facts.authority(), "genTime", facts.genTime().toString(),
                "serialNumber", facts.serialNumber(), "policy", facts.policy(), "tokenSha256", Commitment.sha256(token))));
    }

    /** Pending again after the retry delay, or failed for good once the attempts are used up. */
    @Transactional
    void failed(CommitmentTimestamp stamp, String reason, String from) {
        int failures = stamp.attempts() + 1;
        Instant now = clock.instant();
        Instant next = failures >= settings.attempts() ? null : now.plus(settings.delayAfter(failures));
        stamps.update(stamp.failed(reason, from, next, now));
        if (next == null) {
            audit.record(AuditEvent.of(Actor.SYSTEM, stamp.trialId(), "randomisation.timestamp-failed", "randomisation",
                    stamp.trialId()).after(AuditEvent.fields("attempts", failures, "reason", reason)));
        }
    }
}
