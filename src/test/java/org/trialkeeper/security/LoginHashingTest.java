package org.trialkeeper.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.Api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password checks of logins run one at a time here; a login that gets no turn soon is 503 login-busy. */
@MicronautTest(transactional = false)
@Property(name = "trialkeeper.login.concurrent-hashes", value = "1")
@Property(name = "trialkeeper.login.hash-wait", value = "200ms")
@Property(name = "trialkeeper.login.source-in-flight", value = "16")
class LoginHashingTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    LoginHashing hashing;

    @Test
    void aLoginThatGetsNoTurnIsAnswered503WithRetryAfterAndIsNotCounted() throws Exception {
        String username = Api.unique("waiting");
        Api.admin(http).createMember(username);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> held = heldTurn(release);
        try {
            for (int i = 0; i < 6; i++) {
                HttpClientResponseException busy = assertThrows(HttpClientResponseException.class,
                        () -> login(username, Api.MEMBER_PASSWORD));
                assertEquals(503, busy.getStatus().getCode());
                assertEquals("1", busy.getResponse().getHeaders().get("Retry-After"));
                assertEquals(MediaType.APPLICATION_JSON_PROBLEM,
                        busy.getResponse().getContentType().map(MediaType::getName).orElse(""));
                assertEquals("urn:trialkeeper:problem:login-busy",
                        busy.getResponse().getBody(Map.class).orElseThrow().get("type"));
            }
        } finally {
            release.countDown();
            held.get();
        }
        assertEquals("Bearer", login(username, Api.MEMBER_PASSWORD).get("token_type"),
                "six attempts that were never checked do not throttle the account");
    }

    @Test
    void noMoreChecksRunAtOnceThanConfigured() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String username = Api.unique("crowd");
                answers.add(clients.submit(() -> status(username)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertTrue(statuses.stream().allMatch(status -> status == 401 || status == 503), statuses.toString());
            assertTrue(statuses.contains(401), statuses.toString());
        } finally {
            clients.shutdown();
        }
        assertEquals(1, hashing.mostAtOnce());
    }

    @Test
    void attemptsFromSourcesThatTriedNothingLatelyTakeTheirTurnFirst() throws Exception {
        LoginHashing turns = new LoginHashing(new PasswordHasher(4), 1, Duration.ofMinutes(1));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> held = heldTurn(turns, release);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String who = "suspect-" + i;
            waiting.add(CompletableFuture.supplyAsync(() -> turns.inTurn(false, () -> record(order, who))));
            awaitWaiting(turns, i + 1);
        }
        waiting.add(CompletableFuture.supplyAsync(() -> turns.inTurn(true, () -> record(order, "clean"))));
        awaitWaiting(turns, 4);
        release.countDown();
        held.get();
        for (CompletableFuture<String> each : waiting) {
            each.get();
        }
        assertEquals("clean", order.get(0), order.toString());
        assertEquals(4, order.size());
    }

    private static String record(List<String> order, String who) {
        order.add(who);
        return who;
    }

    /** Waits on the condition, not for a time: until that many attempts wait for a turn. */
    private static void awaitWaiting(LoginHashing turns, int count) {
        while (turns.waiting() < count) {
            Thread.yield();
        }
    }

    private CompletableFuture<Boolean> heldTurn(CountDownLatch release) throws InterruptedException {
        return heldTurn(hashing, release);
    }

    /** Takes the only turn, and keeps it until released; answers once the turn is taken. */
    private static CompletableFuture<Boolean> heldTurn(LoginHashing hashing, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(1);
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(() -> hashing.inTurn(true, () -> {
            taken.countDown();
            try {
                return release.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        taken.await();
        return held;
    }

    private int status(String username) {
        try {
            login(username, "a-wrong-guess-1");
            return 200;
        } catch (HttpClientResponseException refused) {
            return refused.getStatus().getCode();
        }
    }

    private Map<?, ?> login(String username, String password) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/login",
                Map.of("username", username, "password", password)), Map.class);
    }
}
