package org.trialkeeper.trial;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The database, not luck, decides races: a unique key for names, a row lock for status changes. */
@MicronautTest(transactional = false)
class TrialConcurrencyTest {

    private static final int CLIENTS = 8;
    private static final Actor ADMIN = new Actor(null, "test", Role.ADMIN);

    @Inject
    TrialService trials;

    @Inject
    TrialRepository repository;

    @Test
    void aNameRegisteredByManyAtOnceIsRegisteredOnce() throws Exception {
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, name);
        List<String> outcomes = race(() -> trials.register(ADMIN, new ProtocolSource(yaml, "application/yaml")));
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(CLIENTS - 1, outcomes.stream().filter("duplicate-trial"::equals).count(), outcomes.toString());
        assertEquals(1, repository.listOrderById().stream().filter(t -> t.shortName().equals(name)).count());
    }

    @Test
    void aStatusChangeRequestedByManyAtOnceHappensOnce() throws Exception {
        String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        long id = trials.register(ADMIN, new ProtocolSource(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, name), "application/yaml")).id();
        List<String> outcomes = race(() -> trials.changeStatus(ADMIN, id, "RECRUITING"));
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), outcomes.toString());
        assertEquals(CLIENTS - 1, outcomes.stream().filter("invalid-transition"::equals).count(), outcomes.toString());
        assertEquals(TrialStatus.RECRUITING, repository.findById(id).orElseThrow().status());
    }

    private static List<String> race(Callable<?> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        call.call();
                        return "ok";
                    } catch (ProblemException e) {
                        return e.code().code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (ExecutionException e) {
                    outcomes.add("failed: " + e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
