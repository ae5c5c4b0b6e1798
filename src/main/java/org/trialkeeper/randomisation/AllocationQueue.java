package org.trialkeeper.randomisation;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.DatabaseFailures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Randomisation requests queue here for one allocation server per instance, which answers all
 * that are waiting, trial by trial, in one transaction each (see {@link Allocator}): under load
 * the allocation lock is taken once for many allocations instead of once for each. Across
 * service instances the database's locks keep allocations one batch at a time.
 */
@Singleton
class AllocationQueue {

    private static final int MOST_IN_ONE_TRANSACTION = 64;

    private final Allocator allocator;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean serving = new AtomicBoolean();
    private final ExecutorService server = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "allocation-server");
        thread.setDaemon(true);
        return thread;
    });

    AllocationQueue(Allocator allocator) {
        this.allocator = allocator;
    }

    private record Waiting(long trialId, Allocator.Request request, CompletableFuture<AllocationView> answer) {
    }

    /** Waits for the allocation server's answer to this request. */
    AllocationView allocate(long trialId, Allocator.Request request) {
        Waiting mine = new Waiting(trialId, request, new CompletableFuture<>());
        waiting.add(mine);
        if (serving.compareAndSet(false, true)) {
            server.execute(this::serveWaiting);
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void serveWaiting() {
        while (true) {
            Map<Long, List<Waiting>> byTrial = new LinkedHashMap<>();
            Waiting next;
            for (int taken = 0; taken < MOST_IN_ONE_TRANSACTION && (next = waiting.poll()) != null; taken++) {
                byTrial.computeIfAbsent(next.trialId(), id -> new ArrayList<>()).add(next);
            }
            if (byTrial.isEmpty()) {
                serving.set(false);
                // a request queued after the last poll, while the flag was still set, is served here
                if (waiting.isEmpty() || !serving.compareAndSet(false, true)) {
                    return;
                }
            }
            RuntimeException outage = null;
            for (Map.Entry<Long, List<Waiting>> trial : byTrial.entrySet()) {
                if (outage == null) {
                    outage = serve(trial.getKey(), trial.getValue());
                } else {
                    refuse(trial.getValue(), outage);
                }
            }
            if (outage != null) {
                // the database cannot be reached: those queued meanwhile would each wait for a
                // connection in turn, so they are answered 503 at once and retry with their keys
                for (Waiting queued; (queued = waiting.poll()) != null; ) {
                    queued.answer().completeExceptionally(outage);
                }
            }
        }
    }

    private static void refuse(List<Waiting> batch, RuntimeException failure) {
        batch.forEach(request -> request.answer().completeExceptionally(failure));
    }

    @PreDestroy
    void stop() {
        server.shutdownNow();
    }

    /** Answers a batch of one trial; when the database cannot be reached, answers with the failure too. */
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
            if (DatabaseFailures.unreachable(e)) {
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
