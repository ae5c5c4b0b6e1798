package org.trialkeeper.randomisation;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.BenchmarkRun;
import org.trialkeeper.support.RecruitingTrial;

import java.util.Arrays;
import java.util.List;

/**
 * The time of one minimisation decision near the start of a trial and near its end: one
 * randomisation at a time over HTTP, and one batch of one straight to the allocator, for the
 * allocations around number {@value #WINDOW} and the last ones of {@value #PARTICIPANTS}; the
 * allocations between are made by 8 clients at once, and another trial's warm the service up
 * first, so that the first window is not timing the JIT. Run with
 * {@code ./mvnw -Pminimisation-benchmark -DskipTests test}; it is not a test and asserts nothing.
 */
public final class MinimisationBenchmark {

    private static final int PARTICIPANTS = 10_000;
    private static final int WINDOW = 100;
    private static final int WARM_UP = 1_000;

    public static void main(String[] args) {
        BenchmarkRun.exitAfter(() -> run());
    }

    private static void run() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            Allocator allocator = server.getApplicationContext().getBean(Allocator.class);
            RecruitingTrial warmUp = new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("warm-up"), WARM_UP));
            MinimisedTrials.randomise(warmUp, MinimisedTrials.enrol(warmUp, "W-", WARM_UP), 8);
            RecruitingTrial trial = new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("minimisation"), PARTICIPANTS));
            List<Long> ids = MinimisedTrials.enrol(trial, "M-", PARTICIPANTS);
            System.out.printf("%d cores; minimisation over 4 factors, %d participants enrolled%n",
                    Runtime.getRuntime().availableProcessors(), PARTICIPANTS);
            System.out.println("allocations | HTTP p50 ms | HTTP p99 ms | allocator p50 ms | allocator p99 ms");
            print(1, trial, allocator, ids.subList(0, 2 * WINDOW));
            MinimisedTrials.randomise(trial, ids.subList(2 * WINDOW, PARTICIPANTS - 2 * WINDOW), 8);
            print(PARTICIPANTS - 2 * WINDOW + 1, trial, allocator, ids.subList(PARTICIPANTS - 2 * WINDOW, PARTICIPANTS));
        }
    }

    /** Times half the participants' randomisations over HTTP, then the other half's straight to the allocator. */
    private static void print(int first, RecruitingTrial trial, Allocator allocator, List<Long> participants) {
        Actor coordinator = new Actor(null, "benchmark", Role.COORDINATOR);
        long[] overHttp = new long[WINDOW];
        long[] direct = new long[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            long participant = participants.get(i);
            long began = System.nanoTime();
            trial.randomise(participant, "benchmark-" + participant);
            overHttp[i] = System.nanoTime() - began;
        }
        for (int i = 0; i < WINDOW; i++) {
            long participant = participants.get(WINDOW + i);
            long began = System.nanoTime();
            Allocator.Answer answer = allocator.allocate(trial.id, List.of(
                    new Allocator.Request(coordinator, participant, "benchmark-" + participant))).get(0);
            direct[i] = System.nanoTime() - began;
            if (answer.refusal() != null) {
                throw answer.refusal();
            }
        }
        System.out.printf("%d-%d | %.2f | %.2f | %.2f | %.2f%n", first, first + 2 * WINDOW - 1, centile(overHttp, 0.5),
                centile(overHttp, 0.99), centile(direct, 0.5), centile(direct, 0.99));
    }

    private static double centile(long[] nanos, double centile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * centile) - 1] / 1e6;
    }
}
