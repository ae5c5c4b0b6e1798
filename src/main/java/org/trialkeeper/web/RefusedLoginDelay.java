package org.trialkeeper.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jakarta.annotation.PreDestroy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sign-in refused because its source is throttled (429) is answered only after a delay: as long
 * as the Retry-After it carries, at most {@code refusal-delay}. No thread waits meanwhile, the
 * refusal was decided from memory, and a client that sends its next attempt only after the answer
 * to the last (as a flood's clients do) can send only one a delay, so a flood from a throttled
 * source costs the service a few requests a second instead of hundreds. At most
 * {@link #MOST_HELD} refusals are held at once; past that they are answered at once.
 */
@ServerFilter(value = {"/api/login", Pages.ROOT + "/login"}, methods = HttpMethod.POST)
final class RefusedLoginDelay {

    static final int MOST_HELD = 2_000;

    private final Duration longest;
    private final AtomicInteger held = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "refused-login-delay");
        thread.setDaemon(true);
        return thread;
    });

    RefusedLoginDelay(@Value("${trialkeeper.login.refusal-delay:2s}") Duration longest) {
        this.longest = longest;
    }

    @ResponseFilter
    CompletableFuture<MutableHttpResponse<?>> holdThrottledRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Duration delay = delayFor(response);
        if (delay.isZero() || held.incrementAndGet() > MOST_HELD) {
            if (!delay.isZero()) {
                held.decrementAndGet();
            }
            return CompletableFuture.completedFuture(response);
        }
        CompletableFuture<MutableHttpResponse<?>> answer = new CompletableFuture<>();
        timer.schedule(() -> {
            held.decrementAndGet();
            answer.complete(response);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return answer;
    }

    private Duration delayFor(MutableHttpResponse<?> response) {
        if (response.code() != HttpStatus.TOO_MANY_REQUESTS.getCode()) {
            return Duration.ZERO;
        }
        long retryAfter = response.getHeaders().get(HttpHeaders.RETRY_AFTER, Long.class).orElse(1L);
        Duration asked = Duration.ofSeconds(Math.max(1, retryAfter));
        return asked.compareTo(longest) < 0 ? asked : longest;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
