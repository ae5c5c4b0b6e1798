package org.trialkeeper.randomisation.timestamp;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.bouncycastle.tsp.TimeStampRequest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The configured time-stamping authority over HTTP (RFC 3161, section 3.4): one POST of the DER
 * request, bounded in time (connect timeout, then one deadline for the whole answer) and in size.
 */
@Singleton
class TimestampAuthority {

    static final int MAX_ANSWER = 64 * 1024;

    private final TimestampSettings settings;
    private final ExecutorService connections = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "timestamp-http");
        thread.setDaemon(true);
        return thread;
    });
    private HttpClient http;

    TimestampAuthority(TimestampSettings settings) {
        this.settings = settings;
    }

    /**
     * Made at the first request rather than with the bean: building a client sets up TLS, a fifth of a
     * second of every start, and a service without an authority configured never asks.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).executor(connections)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** The authority's answer to the request, the DER bytes of a time-stamp response. */
    byte[] ask(TimeStampRequest request) throws TimestampRefused {
        HttpRequest post;
        try {
            post = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                    .header("Content-Type", "application/timestamp-query")
                    .header("Accept", "application/timestamp-reply")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build();
        } catch (IOException e) {
            throw new TimestampRefused("the time-stamp request could not be encoded");
        }
        CompletableFuture<HttpResponse<byte[]>> answer = http().sendAsync(post, info -> new LimitedBody(MAX_ANSWER));
        try {
            HttpResponse<byte[]> response = answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new TimestampRefused("the time-stamping authority answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new TimestampRefused("the time-stamping authority did not answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimestampRefused("the request was interrupted as the service stopped");
        } catch (ExecutionException e) {
            throw new TimestampRefused(failure(e.getCause()));
        }
    }

    private String failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect to the time-stamping authority within " + settings.connectTimeout().toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "the time-stamping authority did not answer within " + settings.timeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "could not connect to the time-stamping authority";
        }
        if (cause instanceof LimitedBody.TooLong) {
            return "the time-stamping authority's answer is longer than " + MAX_ANSWER / 1024 + " KiB";
        }
        return "the connection to the time-stamping authority failed";
    }

    @PreDestroy
    void close() {
        connections.shutdownNow();
    }
}
