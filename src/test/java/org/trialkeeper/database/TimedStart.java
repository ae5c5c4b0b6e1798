package org.trialkeeper.database;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of the service as a process of its own, timed from its launch to its first answered
 * {@code GET /health} that says 200, then stopped. The phases between are read from the times of
 * the service's own log lines: the framework's start (Micronaut's "Startup completed in" less
 * what it counts), the pool's first connection (Hikari's "Starting" and "Start completed"), the
 * schema check (the migrations' line), and from the benchmark's own clock the first answer of any
 * status (the server is bound) and the first 200 (the start-up listeners are done).
 */
final class TimedStart {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration POLL_EVERY = Duration.ofMillis(10);
    /** Linux's USER_HZ, the unit of /proc/PID/stat's times, on every architecture it runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern COMPLETED = Pattern.compile("Startup completed in (\\d+)ms");
    private static final Pattern SCHEMA = Pattern.compile("Schema at version \\S+ after (\\d+) migrations, in (\\d+) ms");

    /** Milliseconds from the launch to each boundary; the phases are the differences. */
    record Times(long framework, long poolStarting, long poolStarted, long schemaChecked,
                 long migrations, long firstAnswer, long ready, long cpu) {
    }

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;

    TimedStart(List<String> command, Map<String, String> environment, Path log) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** The java command: the JVM options, then what to run (e.g. {@code -jar app.jar}). */
    static List<String> java(String options, List<String> extraOptions, List<String> run) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : options.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(extraOptions);
        command.addAll(run);
        return command;
    }

    Times run() throws Exception {
        int port = freePort();
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(variables);
        long launchedAt = System.currentTimeMillis();
        long launched = System.nanoTime();
        Process service = builder.start();
        try {
            long[] answers = awaitHealth(service, URI.create("http://127.0.0.1:" + port + "/health"), launched);
            long cpu = cpuMillis(service);
            stop(service);
            return fromLog(launchedAt, answers[0], answers[1], cpu);
        } finally {
            service.destroyForcibly();
        }
    }

    /** Milliseconds from the launch to the first answer of any status and to the first 200. */
    private long[] awaitHealth(Process service, URI health, long launched) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
        long firstAnswer = -1;
        while (System.nanoTime() - launched < GIVE_UP_AFTER.toNanos()) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue()
                        + " before it answered; its log: " + log + "\n" + tail());
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                long now = (System.nanoTime() - launched) / 1_000_000;
                firstAnswer = firstAnswer < 0 ? now : firstAnswer;
                if (status == 200) {
                    return new long[] {firstAnswer, now};
                }
            } catch (ConnectException notListening) {
                // not bound yet
            }
            TimeUnit.MILLISECONDS.sleep(POLL_EVERY.toMillis());
        }
        throw new IllegalStateException("the service did not answer 200 within " + GIVE_UP_AFTER + "; its log: " + log);
    }

    /** SIGTERM, as a service manager stops it: the shutdown hooks run (and a class-data archive is written). */
    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service did not stop within 60 s of SIGTERM");
        }
    }

    /**
     * The processor time the service has used, all its threads, user and system: unlike the time on
     * the clock it hardly changes with what else the machine's cores are busy with.
     */
    private static long cpuMillis(Process service) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(service.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    private Times fromLog(long launchedAt, long firstAnswer, long ready, long cpu) throws IOException {
        long framework = -1;
        long poolStarting = -1;
        long poolStarted = -1;
        long schemaChecked = -1;
        long migrations = -1;
        for (String line : Files.readAllLines(log)) {
            long at = at(line, launchedAt);
            Matcher completed = COMPLETED.matcher(line);
            Matcher schema = SCHEMA.matcher(line);
            if (completed.find()) {
                framework = at - Long.parseLong(completed.group(1));
            } else if (schema.find()) {
                schemaChecked = at;
                migrations = Long.parseLong(schema.group(1));
            } else if (line.contains("HikariPool-1 - Starting")) {
                poolStarting = at;
            } else if (line.contains("HikariPool-1 - Start completed")) {
                poolStarted = at;
            }
        }
        if (framework < 0 || poolStarting < 0 || poolStarted < 0 || schemaChecked < 0) {
            throw new IllegalStateException("the service's log lacks a line the phases are read from: " + log);
        }
        return new Times(framework, poolStarting, poolStarted, schemaChecked, migrations, firstAnswer, ready, cpu);
    }

    /** The time of a log line ({@code 2026-01-02T03:04:05.678Z ...}) in milliseconds after the launch; -1 if it has none. */
    private static long at(String line, long launchedAt) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return -1;
        }
        try {
            return Instant.parse(line.substring(0, space)).toEpochMilli() - launchedAt;
        } catch (DateTimeParseException notTimed) {
            return -1;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
