package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller who hangs up takes their diagnostics with them: the simulation stops instead of burning a core. */
@MicronautTest(transactional = false)
class DiagnosticsCancellationTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    DiagnosticsRuns runs;

    @Test
    void diagnosticsStopWhenTheCallerClosesTheConnection() throws Exception {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.seedVariantYaml(Api.unique("hang-up"),
                tree -> tree.put("targetSampleSize", 100_000)));
        int stoppedBefore = runs.stopped();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            // the most this trial may ask: 100 simulations of 100,000 participants, seconds of one core
            out.write(("GET /api/trials/" + trialId + "/randomisation/diagnostics?simulations=100 HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + admin.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(runs.awaitRunning(1, Duration.ofSeconds(30)), "the simulation started");
        }
        assertTrue(runs.awaitRunning(0, Duration.ofSeconds(30)), "the simulation ended after the caller left");
        assertEquals(stoppedBefore + 1, runs.stopped(), "it ended before its last simulation");
    }

    @Test
    void aCallerWhoWaitsGetsTheResult() throws InterruptedException {
        Api admin = Api.admin(http);
        long trialId = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("waits")));
        int stoppedBefore = runs.stopped();
        Map<?, ?> result = admin.retrieve(HttpRequest.GET(
                "/api/trials/" + trialId + "/randomisation/diagnostics?simulations=500"), Map.class);
        assertEquals(500, result.get("simulations"));
        assertTrue(runs.awaitRunning(0, Duration.ofSeconds(30)));
        assertEquals(stoppedBefore, runs.stopped(), "a run that answered was not stopped");
    }
}
