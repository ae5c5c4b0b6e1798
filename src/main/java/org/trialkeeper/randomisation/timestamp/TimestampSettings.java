package org.trialkeeper.randomisation.timestamp;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The time-stamping authority the operator chose ({@code trialkeeper.timestamp.*}); without a URL
 * nothing is requested. A setting that cannot work stops the service at start, rather than
 * letting every trial's stamp fail later.
 */
@Singleton
final class TimestampSettings {

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private final URI url;
    private final String policy;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;

    TimestampSettings(@Value("${trialkeeper.timestamp.url:}") String url,
                      @Value("${trialkeeper.timestamp.policy:}") String policy,
                      @Value("${trialkeeper.timestamp.connect-timeout:5s}") Duration connectTimeout,
                      @Value("${trialkeeper.timestamp.timeout:10s}") Duration timeout,
                      @Value("${trialkeeper.timestamp.attempts:10}") int attempts,
                      @Value("${trialkeeper.timestamp.retry-delay:30s}") Duration retryDelay,
                      @Value("${trialkeeper.timestamp.max-retry-delay:1h}") Duration maxRetryDelay) {
        this.url = url.isBlank() ? null : URI.create(url.strip());
        if (this.url != null && !("http".equals(this.url.getScheme()) || "https".equals(this.url.getScheme()))) {
            throw new IllegalStateException("trialkeeper.timestamp.url must be an http or https URL");
        }
        this.policy = policy.isBlank() ? null : policy.strip();
        if (this.policy != null && !OID.matcher(this.policy).matches()) {
            throw new IllegalStateException("trialkeeper.timestamp.policy must be an object identifier such as 1.2.3.4");
        }
        if (attempts < 1 || connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative()
                || timeout.isZero() || retryDelay.isNegative() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalStateException("trialkeeper.timestamp: attempts must be 1 or more, the timeouts above"
                    + " zero, and max-retry-delay at least retry-delay");
        }
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
    }

    boolean configured() {
        return url != null;
    }

    URI url() {
        return url;
    }

    String policy() {
        return policy;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration timeout() {
        return timeout;
    }

    int attempts() {
        return attempts;
    }

    /** The wait after the given number of failed attempts: the retry delay, doubled after each further failure. */
    Duration delayAfter(int failures) {
        Duration delay = retryDelay;
        for (int i = 1; i < failures && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
