package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.LoadAverage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service's resident memory under use: starts it as its own process on the embedded database
 * with the JVM options the start command uses (system property {@code service.jvm}, from the
 * pom), sends 10,000 mixed requests over HTTP (screening, randomisation, assessments, progress,
 * worklist, participant list, the CONSORT report, sign-ins) and prints the process's resident set
 * as it goes and at its peak. Run with {@code ./mvnw -Pmemory-benchmark -DskipTests test}; it is
 * not a test and asserts nothing.
 */
public final class MemoryBenchmark {

    private static final int REQUESTS = 10_000;
    private static final String PASSWORD = "memory-benchmark-admin-1";

    public static void main(String[] args) {
        int status = 1;
        Process service = null;
        try {
            Path data = Files.createTempDirectory("trialkeeper-memory");
            int port = freePort();
            service = start(data, port);
            run(service, port);
            status = 0;
        } catch (Throwable failure) {
            failure.printStackTrace();
        } finally {
            if (service != null) {
                service.destroy();
                try {
                    service.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                service.destroyForcibly();
            }
            System.exit(status);
        }
    }

    private static Process start(Path data, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getProperty("service.jvm", "");
        for (String option : options.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.trialkeeper.Application");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile());
        builder.environment().put("TRIALKEEPER_DATA_DIR", data.resolve("db").toString());
        builder.environment().put("TRIALKEEPER_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        System.out.println("service JVM options: " + options + "; log in " + data.resolve("service.log"));
        return builder.start();
    }

    private static void run(Process service, int port) throws Exception {
        URL url = new URL("http://127.0.0.1:" + port);
        awaitHealth(service, URI.create(url + "/health"));
        try (HttpClient http = HttpClient.create(url)) {
            System.out.printf("started: resident %d MB%n", resident(service, "VmRSS"));
            Api admin = Api.admin(http, PASSWORD);
            String coordinatorName = Api.unique("coordinator");
            String assessorName = Api.unique("assessor");
            long coordinatorId = admin.createMember(coordinatorName);
            long assessorId = admin.createMember(assessorName);
            long trial = admin.register(ProtocolFiles.seedVariantYaml(Api.unique("memory"),
                    tree -> tree.put("targetSampleSize", 5000)));
            admin.assign(trial, coordinatorId, "COORDINATOR");
            admin.assign(trial, assessorId, "ASSESSOR");
            admin.retrieve(HttpRequest.POST("/api/trials/" + trial + "/status", Map.of("status", "RECRUITING")), Map.class);
            Api coordinator = Api.as(http, coordinatorName);
            Api assessor = Api.as(http, assessorName);
            String path = "/api/trials/" + trial;
            int sent = 0;
            for (int n = 0; sent < REQUESTS; n++) {
                String code = "M-" + n;
                Map<?, ?> screened = coordinator.retrieve(HttpRequest.POST(path + "/participants", Map.of("code", code,
                        "site", "RAZI", "consent", "given",
                        "baseline", Map.of("age", 34, "sex", n % 2 == 0 ? "female" : "male", "marital", "married",
                                "education", "bachelor"),
                        "eligibility", Map.of("I1", true, "I2", true, "E1", false, "E2", false))), Map.class);
                long id = ((Number) screened.get("id")).longValue();
                coordinator.retrieve(HttpRequest.POST(path + "/participants/" + id + "/randomisation", "")
                        .header("Idempotency-Key", "memory-" + id), Map.class);
                StringBuilder csv = new StringBuilder("participant,timepoint,instrument,item,value\n");
                for (int item = 1; item <= 25; item++) {
                    csv.append(code).append(",baseline,CDRISC,").append(item).append(",").append(n % 5).append('\n');
                }
                assessor.retrieve(HttpRequest.POST(path + "/assessments/import", csv.toString())
                        .contentType(MediaType.of("text/csv")), Map.class);
                coordinator.retrieve(HttpRequest.GET(path + "/progress"));
                assessor.retrieve(HttpRequest.GET(path + "/worklist"));
                coordinator.retrieve(HttpRequest.GET(path + "/participants"));
                sent += 6;
                if (n % 25 == 0) {
                    admin.retrieve(HttpRequest.GET(path + "/reports/consort.json"));
                    Api.as(http, coordinatorName);
                    sent += 3; // the report, and a sign-in's two requests
                }
                if (n % 250 == 0) {
                    System.out.printf("%,d requests: resident %d MB%n", sent, resident(service, "VmRSS"));
                }
            }
            System.out.printf("after %,d mixed requests: resident %d MB, peak resident %d MB; load average %s%n", sent,
                    resident(service, "VmRSS"), resident(service, "VmHWM"), LoadAverage.now());
        }
    }

    /** A line of /proc/PID/status, in MB. */
    private static long resident(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no " + field + " for process " + process.pid());
    }

    private static void awaitHealth(Process service, URI health) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + " before it was up");
            }
            try {
                int status = client.send(java.net.http.HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the service did not answer " + health + " within 3 minutes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
