package org.trialkeeper.database;

import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.trialkeeper.Application;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM stops the service within 10 s whatever it is doing: here simulating diagnostics for
 * open requests, with more queued, the allocation server idle and the embedded database running.
 */
class ShutdownTest {

    private static final Duration STOPS_WITHIN = Duration.ofSeconds(10);

    @Test
    void aServiceStoppedInTheMiddleOfDiagnosticsExitsCleanlyWithinTenSeconds() throws Exception {
        try (ThrowAwayDirectory dataDir = ThrowAwayDirectory.underTmpdir("shutdown")) {
            // a file, not a pipe: a pipe read here lost what the service wrote while it stopped
            Path output = Files.createTempFile(dataDir.path().getParent(), "trialkeeper-stopping", ".log");
            Process service = start(dataDir.path(), output);
            try (ServiceLog log = new ServiceLog(output)) {
                String url = log.await(Pattern.compile("Server Running: (\\S+)"), Duration.ofMinutes(3));
                int databasePort = Integer.parseInt(log.await(
                        Pattern.compile("Embedded MariaDB listening on [0-9.]+:(\\d+)"), Duration.ZERO));
                List<CompletableFuture<HttpResponse<String>>> answers = startDiagnostics(url, 3);
                log.await(Pattern.compile("Diagnostics of trial \\d+: (\\d+) simulations started"), Duration.ofMinutes(1));

                service.destroy();
                boolean exited = service.waitFor(STOPS_WITHIN.toSeconds(), TimeUnit.SECONDS);

                assertTrue(exited, "the service was still running 10 s after SIGTERM:\n" + log.text());
                assertEquals(143, service.exitValue(), "ended by SIGTERM, its shutdown hooks done:\n" + log.text());
                assertTrue(Pattern.compile("Diagnostics of trial \\d+ stopped").matcher(log.text()).find(), log.text());
                assertFalse(log.text().contains(" ERROR "), log.text());
                assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), databasePort).close(),
                        "the embedded database stopped with the service");
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    assertTrue(answer.handle((response, failure) -> failure != null || response.statusCode() == 503)
                            .get(1, TimeUnit.MINUTES), "each open request was answered 503 or its connection closed");
                }
            } finally {
                service.destroyForcibly();
                Files.delete(output);
            }
        }
    }

    private static Process start(Path dataDir, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), Application.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TRIALKEEPER_DATA_DIR", dataDir.toString());
        builder.environment().put("TRIALKEEPER_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        builder.environment().put("MICRONAUT_SERVER_PORT", "0");
        return builder.start();
    }

    /** Registers a trial of 100,000 and asks for its most diagnostics several times at once, more than there are cores. */
    private static List<CompletableFuture<HttpResponse<String>>> startDiagnostics(String url, int requests) throws Exception {
        long trialId;
        String token;
        try (HttpClient http = HttpClient.create(URI.create(url).toURL())) {
            Api admin = Api.admin(http);
            trialId = admin.register(ProtocolFiles.seedVariantYaml(Api.unique("stopping"),
                    tree -> tree.put("targetSampleSize", 100_000)));
            token = admin.token();
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(
                            URI.create(url + "/api/trials/" + trialId + "/randomisation/diagnostics?simulations=100"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return answers;
    }

    /** The service's output file, waited on through the file system's change events rather than by polling. */
    private static final class ServiceLog implements AutoCloseable {

        private final Path file;
        private final WatchService changes;

        ServiceLog(Path file) throws IOException {
            this.file = file;
            this.changes = file.getFileSystem().newWatchService();
            file.getParent().register(changes, StandardWatchEventKinds.ENTRY_MODIFY);
        }

        String text() throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8);
        }

        /** The first group of the first line matching, waiting for it at most the given time. */
        String await(Pattern pattern, Duration within) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            Matcher matcher = pattern.matcher(text());
            while (!matcher.find()) {
                long left = deadline - System.nanoTime();
                WatchKey change = left > 0 ? changes.poll(left, TimeUnit.NANOSECONDS) : null;
                if (change == null) {
                    throw new AssertionError("no line matching " + pattern + " in:\n" + text());
                }
                change.pollEvents();
                change.reset();
                matcher = pattern.matcher(text());
            }
            return matcher.group(1);
        }

        @Override
        public void close() throws IOException {
            changes.close();
        }
    }
}
