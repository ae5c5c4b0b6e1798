package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.reads.ReadLimit;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts a trial's progress from the live data. Counting walks the whole trial, so it is done
 * once for each state of the trial, not once for each reader: a count is kept with the trial's
 * audit sequence and the day it was made for, and serves every reader until something is
 * recorded in the trial (every change to its participants, allocations, assessments, attendance,
 * events, status or protocol appends to the trial's audit chain) or the day changes. Readers who
 * come while a count is made wait for it rather than make their own; a reader never gets a count
 * older than the trial's state when it asked. Counts of a trial that changes all the time are
 * paced (see {@link #pace}), so that counting never takes more than a third of a core from the writers.
 */
@Singleton
public class ProgressService {

    /** How long past its due date an incomplete timepoint waits before it counts as overdue. */
    public static final int OVERDUE_AFTER_DAYS = 14;
    /** A trial's next count waits this many times as long as its last one took. */
    private static final int PACE = 2;

    /** A count, split by arm, with the audit sequence of the trial it was made from and the day it was made for. */
    record Counted(long version, LocalDate day, Progress progress) {

        boolean serves(long version, LocalDate day) {
            return this.version >= version && this.day.equals(day);
        }
    }

    private final TrialService trials;
    private final AuditTrail audit;
    private final ProgressReader reader;
    private final ReadLimit reads;
    private final Clock clock;
    private final Map<Long, Counted> counted = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Counted>> counting = new ConcurrentHashMap<>();
    private final Map<Long, Long> nextCountAt = new ConcurrentHashMap<>();

    ProgressService(TrialService trials, AuditTrail audit, ProgressReader reader, ReadLimit reads, Clock clock) {
        this.trials = trials;
        this.audit = audit;
        this.reader = reader;
        this.reads = reads;
        this.clock = clock;
    }

    /** The trial's progress, by arm only for readers who may see arms. */
    public Progress progress(Actor actor, long trialId) {
        TrialStatus status = trials.find(trialId).status();
        boolean byArm = actor.role() == Role.ADMIN || actor.role() == Role.COORDINATOR || status == TrialStatus.LOCKED;
        Progress progress = current(trialId, audit.anchor(trialId).seq(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        return byArm ? progress : progress.pooled();
    }

    private Progress current(long trialId, long version, LocalDate today) {
        while (true) {
            Counted last = counted.get(trialId);
            if (last != null && last.serves(version, today)) {
                return last.progress();
            }
            CompletableFuture<Counted> mine = new CompletableFuture<>();
            CompletableFuture<Counted> running = counting.putIfAbsent(trialId, mine);
            if (running != null) {
                Counted theirs = await(running);
                if (theirs.serves(version, today)) {
                    return theirs.progress();
                }
                continue; // begun before this reader's state: count again
            }
            try {
                pace(trialId);
                long began = System.nanoTime();
                Counted fresh = reads.inTurn(() -> reader.count(trialId, today));
                long finished = System.nanoTime();
                nextCountAt.put(trialId, finished + PACE * (finished - began));
                counted.merge(trialId, fresh, (kept, made) -> made.version() >= kept.version() ? made : kept);
                mine.complete(fresh);
                return fresh.progress();
            } catch (RuntimeException failed) {
                mine.completeExceptionally(failed);
                throw failed;
            } finally {
                counting.remove(trialId, mine);
            }
        }
    }

    /**
     * Waits, when the trial was counted a moment ago, for twice as long as that count took: while
     * the trial changes all the time (a busy hour of randomisation) and readers keep asking,
     * counting then takes at most a third of one core, and the writers keep the rest. Readers who come
     * meanwhile wait for the count that follows, which is newer than what they asked for.
     */
    private void pace(long trialId) {
        long wait = nextCountAt.getOrDefault(trialId, 0L) - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to count progress", interrupted);
            }
        }
    }

    private static Counted await(CompletableFuture<Counted> running) {
        try {
            return running.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }
}
