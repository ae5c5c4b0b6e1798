package org.trialkeeper.randomisation;

import io.micronaut.core.propagation.PropagatedContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.commons.rng.simple.RandomSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.scheme.Diagnostics;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs scheme diagnostics on threads of their own, one a core: a burst of requests queues here
 * instead of taking every core from the requests that record trial data. A run is interrupted
 * when its answer is cancelled (its caller left) and when the service stops; the threads are
 * daemons, so none of them keeps the JVM alive.
 */
@Singleton
public class DiagnosticsRuns {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsRuns.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ExecutorService threads;
    private final Set<CompletableFuture<Diagnostics.Result>> open = ConcurrentHashMap.newKeySet();
    private final Object gauge = new Object();
    private int running;
    private int stopped;

    DiagnosticsRuns() {
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "diagnostics-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a run; cancelling the answer stops it, queued or running. */
    public CompletableFuture<Diagnostics.Result> start(long trialId, Protocol protocol, int simulations) {
        CompletableFuture<Diagnostics.Result> answer = new CompletableFuture<>();
        open.add(answer);
        // the run logs under the id of the request that asked for it
        Future<?> work = threads.submit(PropagatedContext.wrapCurrent(() -> run(trialId, protocol, simulations, answer)));
        answer.whenComplete((result, failure) -> {
            open.remove(answer);
            if (answer.isCancelled()) {
                work.cancel(true);
            }
        });
        return answer;
    }

    private void run(long trialId, Protocol protocol, int simulations, CompletableFuture<Diagnostics.Result> answer) {
        if (answer.isDone()) {
            return;
        }
        changeRunning(1, false);
        boolean finished = false;
        LOG.info("Diagnostics of trial {}: {} simulations started", trialId, simulations);
        try {
            answer.complete(Diagnostics.simulate(protocol, simulations, RandomSource.XO_RO_SHI_RO_128_PP.create()));
            finished = true;
        } catch (CancellationException e) {
            LOG.info("Diagnostics of trial {} stopped ({}): {}", trialId,
                    answer.isCancelled() ? "the caller left" : "the service is stopping", e.getMessage());
            answer.completeExceptionally(stopping());
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        } finally {
            changeRunning(-1, !finished);
        }
    }

    private void changeRunning(int change, boolean stoppedEarly) {
        synchronized (gauge) {
            running += change;
            stopped += stoppedEarly ? 1 : 0;
            gauge.notifyAll();
        }
    }

    /** Runs simulating now. */
    int running() {
        synchronized (gauge) {
            return running;
        }
    }

    /** Runs that ended before their last simulation, since the service started. */
    int stopped() {
        synchronized (gauge) {
            return stopped;
        }
    }

    /** Waits until as many runs as given are simulating; answers whether they were within the time. */
    boolean awaitRunning(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (gauge) {
            for (long left = within.toNanos(); running != count && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(gauge, left);
            }
            return running == count;
        }
    }

    /**
     * Interrupts every run and answers every caller still waiting, queued ones too; waits a
     * moment for the runs to end between two simulations, so that their ends are logged before
     * the service exits.
     */
    @PreDestroy
    void stop() {
        threads.shutdownNow();
        open.forEach(answer -> answer.completeExceptionally(stopping()));
        try {
            awaitRunning(0, STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProblemException stopping() {
        return new ProblemException(ProblemCode.UNAVAILABLE, "The service stopped before the diagnostics were done")
                .retryAfter(RETRY_AFTER);
    }
}
