package org.trialkeeper.randomisation.timestamp;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.bouncycastle.tsp.TimeStampRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialStatusChanged;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the authority for the stamps noted when recruitment opened, on a thread of its own: first
 * as soon as the opening has committed, then at each stamp's next attempt while it is pending.
 * No request or transaction waits for it, and it holds no database connection while it waits for
 * the authority. One thread does every attempt in turn, so at most one request is out at a time.
 */
@Singleton
class Stamping {

    private static final Logger LOG = LoggerFactory.getLogger(Stamping.class);
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final CommitmentTimestampRepository stamps;
    private final StampOutcomes outcomes;
    private final TimestampAuthority authority;
    private final TimestampSettings settings;
    private final Clock clock;
    private final Duration sweep;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread worker = new Thread(task, "timestamp");
        worker.setDaemon(true);
        return worker;
    });

    Stamping(CommitmentTimestampRepository stamps, StampOutcomes outcomes, TimestampAuthority authority,
             TimestampSettings settings, Clock clock, @Value("${trialkeeper.timestamp.sweep:30s}") Duration sweep) {
        this.stamps = stamps;
        this.outcomes = outcomes;
        this.authority = authority;
        this.settings = settings;
        this.clock = clock;
        this.sweep = sweep;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.configured()) {
            thread.scheduleWithFixedDelay(this::attemptDue, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Once recruitment has opened and committed, the first attempt is made at once. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onOpened(TrialStatusChanged event) {
        if (event.to() != TrialStatus.RECRUITING || !settings.configured()) {
            return;
        }
        long trialId = event.trialId();
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.put(trialId, done);
        try {
            thread.execute(() -> {
                try {
                    attempt(trialId);
                } finally {
                    inFlight.remove(trialId, done);
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            // the service is stopping: the stamp stays pending and is asked for after the next start
            inFlight.remove(trialId, done);
            done.complete(null);
        }
    }

    /** The first attempt of a trial's stamp while it is under way; done when there is none. */
    CompletableFuture<Void> firstAttempt(long trialId) {
        return inFlight.getOrDefault(trialId, CompletableFuture.completedFuture(null));
    }

    /** Every pending stamp whose next attempt is due, whichever instance noted it. */
    void attemptDue() {
        try {
            stamps.due(clock.instant()).forEach(this::attempt);
        } catch (RuntimeException e) {
            LOG.warn("Pending time-stamps could not be read; they are tried again in {}", sweep, e);
        }
    }

    private void attempt(long trialId) {
        try {
            Instant now = clock.instant();
            Instant until = now.plus(settings.connectTimeout()).plus(settings.timeout()).plus(CLAIM_MARGIN);
            if (stamps.claim(trialId, now, until) != 1) {
                return;
            }
            CommitmentTimestamp stamp = stamps.findById(trialId).orElseThrow();
            String from = settings.url().toString();
            try {
                TimeStampRequest request = TimeStamps.request(stamp.commitment(), TimeStamps.nonce(random), settings.policy());
                outcomes.stamped(stamp, TimeStamps.accept(request, authority.ask(request)), from);
            } catch (TimestampRefused e) {
                LOG.warn("Trial {}: time-stamp attempt {} failed: {}", trialId, stamp.attempts() + 1, e.reason());
                outcomes.failed(stamp, e.reason(), from);
            }
        } catch (RuntimeException e) {
            // the database failed; the claim lapses and the stamp is tried again when it is due
            LOG.warn("Trial {}: the time-stamp attempt could not be recorded", trialId, e);
        }
    }

    @PreDestroy
    void close() {
        thread.shutdownNow();
    }
}
