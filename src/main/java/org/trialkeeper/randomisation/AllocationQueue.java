package org.trialkeeper.randomisation;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.DatabaseFailures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Randomisation requests queue here, one lane a trial. A lane is served by one of a few
 * allocation servers, which answers all that wait in it in one transaction (see
 * {@link Allocator}): under load the trial's allocation lock is taken once for many allocations
 * instead of once for each. Lanes of different trials are served side by side, each trial's
 * batches one at a time; after each batch a lane goes to the back of the servers' queue, so a busy
 * trial never keeps another waiting for a server. A request that finds its lane idle and fewer
 * batches than servers being answered serves that batch on its own thread, so a lone request is
 * not handed to another thread and back; never are more batches answered at once than there are
 * servers, whichever threads answer them. Across service instances the trial's allocation lock keeps its allocations one batch at a time.
 */
@Singleton
class AllocationQueue {

    private static final int MOST_IN_ONE_TRANSACTION = 64;
    private static final int SERVERS = 4;

    private final Allocator allocator;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger serverCount = new AtomicInteger();
    private final Semaphore batchesAtOnce = new Semaphore(SERVERS);
    private final ExecutorService servers = Executors.newFixedThreadPool(SERVERS, task -> {
        Thread thread = new Thread(task, "allocation-server-" + serverCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    AllocationQueue(Allocator allocator) {
        this.allocator = allocator;
    }

    private record Waiting(long trialId, Allocator.Request request, CompletableFuture<AllocationView> answer) {
    }

    /** One trial's waiting requests, and whether a server has the lane in hand. */
    private static final class Lane {
        final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        final AtomicBoolean serving = new AtomicBoolean();
    }

    /** Waits for the allocation server's answer to this request. */
    AllocationView allocate(long trialId, Allocator.Request request) {
        Waiting mine = new Waiting(trialId, request, new CompletableFuture<>());
        Lane lane = lanes.computeIfAbsent(trialId, id -> new Lane());
        lane.waiting.add(mine);
        if (lane.serving.compareAndSet(false, true)) {
            if (batchesAtOnce.tryAcquire()) {
                serveHoldingPermit(trialId, lane);
            } else {
                serveOnAServer(trialId, lane);
            }
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Serves the lane's next batch, then hands the lane back to the servers while requests wait in it. */
    private void serveOneBatch(long trialId, Lane lane) {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting next; batch.size() < MOST_IN_ONE_TRANSACTION && (next = lane.waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            RuntimeException outage = serve(trialId, batch);
            if (outage != null) {
                // the database cannot be reached, or no connection came free in time: those queued
                // meanwhile would each wait for a connection in turn, so they are answered 503 at
                // once and retry with their keys
                for (Waiting queued; (queued = lane.waiting.poll()) != null; ) {
                    queued.answer().completeExceptionally(outage);
                }
            }
        }
        if (!lane.waiting.isEmpty()) {
            serveOnAServer(trialId, lane);
            return;
        }
        lane.serving.set(false);
        // a request queued after the last poll, while the flag was still set, is served here
        if (!lane.waiting.isEmpty() && lane.serving.compareAndSet(false, true)) {
            serveOnAServer(trialId, lane);
        }
    }

    private void serveOnAServer(long trialId, Lane lane) {
        servers.execute(() -> {
            batchesAtOnce.acquireUninterruptibly();
            serveHoldingPermit(trialId, lane);
        });
    }

    private void serveHoldingPermit(long trialId, Lane lane) {
        try {
            serveOneBatch(trialId, lane);
        } finally {
            batchesAtOnce.release();
        }
    }

    private static void refuse(List<Waiting> batch, RuntimeException failure) {
        batch.forEach(request -> request.answer().completeExceptionally(failure));
    }

    @PreDestroy
    void stop() {
        servers.shutdownNow();
    }

    /** Answers a batch of one trial; when no connection could be had, answers with the failure too. */
    private RuntimeException serve(long trialId, List<Waiting> batch) {
        try {
            List<Allocator.Answer> answers = allocator.allocate(trialId, batch.stream().map(Waiting::request).toList());
            for (int i = 0; i < batch.size(); i++) {
                Allocator.Answer answer = answers.get(i);
                if (answer.refusal() != null) {
                    batch.get(i).answer().completeExceptionally(answer.refusal());
                } else {
                    batch.get(i).answer().complete(answer.allocation());
                }
            }
            return null;
        } catch (RuntimeException e) {
            if (DatabaseFailures.unreachable(e) || DatabaseFailures.poolExhausted(e)) {
                refuse(batch, e);
                return e;
            }
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return null;
            }
            // one request's failure must not fail the others: each is tried on its own
            for (Waiting one : batch) {
                RuntimeException outage = serve(trialId, List.of(one));
                if (outage != null) {
                    refuse(batch, outage);
                    return outage;
                }
            }
            return null;
        } finally {
            // nothing may be left waiting for ever, whatever was thrown
            if (batch.stream().anyMatch(request -> !request.answer().isDone())) {
                refuse(batch, new IllegalStateException("The randomisation request was not answered"));
            }
        }
    }
}
