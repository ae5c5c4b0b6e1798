package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.TrialOnTwoInstances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on two nodes of a three-node Galera cluster (multi-primary), clients that retry
 * with their idempotency key on either instance, and the second instance's node killed with
 * SIGKILL halfway through: every participant is allocated exactly once, allocation numbers have
 * no gaps, every stratum's list is followed from the top, the sequence verifies after lock and the
 * audit trail is intact; the only 5xx come from the instance whose node is gone, after it went.
 */
class GaleraRandomisationTest {

    private static final int PARTICIPANTS = 1000;
    private static final int CLIENTS = 16;
    static final int CONNECTION_WAIT_MS = 10_000;

    @Test
    void randomisationHoldsWhenANodeDiesMidway() throws Exception {
        try (GaleraCluster cluster = GaleraCluster.start(3);
             EmbeddedServer first = instance(cluster, 0);
             EmbeddedServer second = instance(cluster, 1);
             HttpClient toFirst = client(first);
             HttpClient toSecond = client(second)) {
            TrialOnTwoInstances trial = new TrialOnTwoInstances(toFirst, toSecond, "galera", PARTICIPANTS);
            List<Long> participants = trial.screen("G-");

            Clients clients = new Clients(cluster, trial.coordinators, trial.id);
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (long participant : participants) {
                running.add(pool.submit(() -> clients.randomise(participant)));
            }
            for (Future<?> future : running) {
                future.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertEquals(List.of(), clients.mismatches, "every retry answered with the original allocation");
            assertEquals(0, clients.failedBeforeOrElsewhere.get(), "5xx only from the instance whose node died");
            Set<Object> numbers = new HashSet<>();
            clients.answers.values().forEach(a -> numbers.add(((Number) a.get("number")).intValue()));
            assertEquals(PARTICIPANTS, numbers.size(), "no allocation number twice");
            for (int n = 1; n <= PARTICIPANTS; n++) {
                assertTrue(numbers.contains(n), "allocation number " + n + " is there: no gaps");
            }
            trial.move("FOLLOW_UP");
            trial.move("LOCKED");
            trial.assertListsFollowed(toFirst);
            Map<?, ?> chain = trial.admin.retrieve(HttpRequest.GET("/api/audit/verify"), Map.class);
            assertEquals(true, chain.get("intact"), chain.toString());
            long retried = first.getApplicationContext().getBean(WriteConflicts.class).retried()
                    + second.getApplicationContext().getBean(WriteConflicts.class).retried();
            System.out.printf("galera: %d participants by %d clients on two instances, node of the second killed midway:"
                            + " %d requests, %d answered 5xx by the instance whose node died, %d write conflicts"
                            + " retried inside the service, %.0f allocations/s%n", PARTICIPANTS, CLIENTS,
                    clients.requests.get(), clients.failedOnDeadNode.get(), retried, PARTICIPANTS / seconds);
        }
    }

    /**
     * An instance on one node. Until the cluster has evicted a dead node every commit waits, so
     * requests wait longer for a pooled connection than the single server's 2 s, as the README
     * advises for a cluster; a busy machine takes seconds to evict.
     */
    private static EmbeddedServer instance(GaleraCluster cluster, int node) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("datasources.default.url", cluster.url(node, "trialkeeper"),
                "datasources.default.username", "root", "datasources.default.password", "",
                "datasources.default.connection-timeout", CONNECTION_WAIT_MS), "test");
    }

    /**
     * A client that waits for an answer as long as the load balancer in front of the replicas
     * does (nginx's 30 s): a request that was already waiting for a connection when the node
     * died is answered 503 only when its connection wait ends, which the client's default 10 s
     * would not see.
     */
    private static HttpClient client(EmbeddedServer instance) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(30));
        return HttpClient.create(instance.getURL(), configuration);
    }

    /** Clients behind a load balancer: each request to either instance, retried with its key on the other. */
    private static final class Clients {

        final GaleraCluster cluster;
        final List<Api> instances;
        final long trial;
        final Map<Long, Map<?, ?>> answers = new ConcurrentHashMap<>();
        final List<String> mismatches = new ArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger failedOnDeadNode = new AtomicInteger();
        final AtomicInteger failedBeforeOrElsewhere = new AtomicInteger();
        final AtomicBoolean killed = new AtomicBoolean();

        Clients(GaleraCluster cluster, List<Api> instances, long trial) {
            this.cluster = cluster;
            this.instances = instances;
            this.trial = trial;
        }

        Void randomise(long participant) throws Exception {
            String key = "galera-" + participant;
            int copies = participant % 4 == 0 ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                Map<?, ?> answer = withRetries(participant, key, (int) (participant + copy) % 2);
                Map<?, ?> earlier = answers.putIfAbsent(participant, answer);
                if (earlier != null && !earlier.equals(answer)) {
                    synchronized (mismatches) {
                        mismatches.add(participant + ": " + earlier + " vs " + answer);
                    }
                }
            }
            if (answered.incrementAndGet() == PARTICIPANTS / 2 && killed.compareAndSet(false, true)) {
                cluster.kill(1);
            }
            return null;
        }

        private Map<?, ?> withRetries(long participant, String key, int firstChoice) {
            for (int attempt = 0; ; attempt++) {
                int choice = (firstChoice + attempt) % 2;
                requests.incrementAndGet();
                try {
                    return instances.get(choice).retrieve(HttpRequest.POST("/api/trials/" + trial + "/participants/"
                            + participant + "/randomisation", "").header("Idempotency-Key", key), Map.class);
                } catch (HttpClientResponseException e) {
                    if (e.getStatus().getCode() < 500 || attempt >= 9) {
                        throw e;
                    }
                    if (choice == 1 && killed.get()) {
                        failedOnDeadNode.incrementAndGet();
                    } else {
                        failedBeforeOrElsewhere.incrementAndGet();
                        System.out.printf("5xx from instance %d (node killed: %s): %s%n", choice, killed.get(),
                                e.getResponse().getBody(String.class).orElse(""));
                    }
                }
            }
        }
    }
}
