package org.trialkeeper.randomisation.timestamp;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 3161 time-stamps of trials' commitments, as the rest of randomisation sees them:
 * asked for in the transaction that opens recruitment (the request itself is made once it has
 * committed, by {@link Stamping}), shown with the commitment and the sequence export, and checked
 * by verification.
 */
@Singleton
public class CommitmentTimestamps {

    private final CommitmentTimestampRepository stamps;
    private final TimestampSettings settings;
    private final Clock clock;

    CommitmentTimestamps(CommitmentTimestampRepository stamps, TimestampSettings settings, Clock clock) {
        this.stamps = stamps;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Inside the transaction that opens recruitment: notes that the commitment is to be stamped,
     * when an authority is configured. Answers whether it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requestAtOpening(long trialId, String commitment) {
        if (!settings.configured()) {
            return false;
        }
        stamps.save(CommitmentTimestamp.pending(trialId, commitment, settings.url().toString(), clock.instant()));
        return true;
    }

    @Transactional
    public TimestampView view(long trialId) {
        return stamps.findById(trialId).map(CommitmentTimestamps::view).orElseGet(TimestampView::none);
    }

    private static TimestampView view(CommitmentTimestamp stamp) {
        String state = stamp.state().code();
        if (stamp.state() != TimestampState.STAMPED) {
            String detail = stamp.state() == TimestampState.PENDING
                    ? "the commitment is to be stamped; nothing waits for it"
                    : "every attempt to have the commitment stamped failed";
            return new TimestampView(state, detail, TimestampView.IMPRINT, stamp.authority(), stamp.attempts(),
                    stamp.lastError(), stamp.nextAttemptAt(), null, null, null, null, null);
        }
        String token = Base64.getEncoder().encodeToString(stamp.token());
        try {
            TokenFacts facts = TimeStamps.facts(stamp.token());
            return new TimestampView(state, "the commitment was stamped by " + facts.authority() + " at " + facts.genTime(),
                    TimestampView.IMPRINT, stamp.authority(), stamp.attempts(), null, null, facts.genTime(),
                    facts.authority(), facts.serialNumber(), facts.policy(), token);
        } catch (TimestampRefused e) {
            return new TimestampView(state, e.reason(), TimestampView.IMPRINT, stamp.authority(), stamp.attempts(),
                    null, null, null, null, null, null, token);
        }
    }

    /**
     * Verification of a trial's stamp against its published commitment and its first allocation
     * (null when it made none): a stored token is checked whole; a trial without one is not
     * faulted for it, and the state says why there is none.
     */
    @Transactional
    public TimestampCheck check(long trialId, String commitment, @Nullable Instant firstAllocation) {
        CommitmentTimestamp stamp = stamps.findById(trialId).orElse(null);
        if (stamp == null) {
            return new TimestampCheck("none", false, null, List.of());
        }
        if (stamp.state() != TimestampState.STAMPED || stamp.token() == null) {
            return new TimestampCheck(stamp.state().code(), false, null, List.of());
        }
        List<String> problems = TimeStamps.problems(stamp.token(), HexFormat.of().parseHex(commitment), firstAllocation);
        Instant genTime;
        try {
            genTime = TimeStamps.facts(stamp.token()).genTime();
        } catch (TimestampRefused e) {
            genTime = null;
        }
        return new TimestampCheck(stamp.state().code(), true, genTime, problems);
    }
}
