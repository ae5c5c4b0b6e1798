package org.trialkeeper.database;

import org.trialkeeper.support.BenchmarkRun;
import org.trialkeeper.support.LoadAverage;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How long the service takes from {@code java -jar} to its first answered request, and where the
 * time goes. Starts Debian's MariaDB as the existing external database, then the production jar
 * (argument 1) with the JVM options the service runs with (system property {@code service.jvm})
 * against it: once on the empty database (it migrates), {@code startup.starts} times on the
 * migrated one, once more to write a class-data archive of the classes a start loads,
 * {@code startup.starts} times with that archive, and as many with the archive that
 * {@code docker/class-data.sh} writes without a database, as the image's build does. Then the
 * embedded default the way {@code mn:run} starts it (classes and dependencies, no URL): on a new
 * data directory and on the kept one. Run with {@code ./mvnw -Pstartup-benchmark -DskipTests clean package}; it asserts
 * nothing and exits non-zero when a start fails.
 */
public final class StartupBenchmark {

    private static final String ROW = "%-52s %6s %7s %5s %6s %6s %5s %6s %6s %8s%n";

    public static void main(String[] args) {
        BenchmarkRun.exitAfter(() -> run(Path.of(args[0])));
    }

    private static void run(Path jar) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no production jar at " + jar);
        }
        String options = System.getProperty("service.jvm", "");
        int starts = Integer.getInteger("startup.starts", 5);
        Path work = Files.createDirectories(Path.of("target", "startup-benchmark")).toAbsolutePath();
        String tmpdir = "-Djava.io.tmpdir=" + Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        System.out.printf("Start-up of %s (%d MiB) with %s; load average %s%n", jar.getFileName(),
                Files.size(jar) >> 20, options, LoadAverage.now());
        System.out.println("milliseconds from the launch, each column from the end of the one before it; total: to the"
                + " first 200; cpu: the processor time the service had used by then, all threads");
        System.out.printf(ROW, "start", "main", "to pool", "pool", "schema", "answer", "200", "total", "cpu",
                "migrated");
        try (DebianMariaDb database = DebianMariaDb.start()) {
            Map<String, String> external = external(database);
            List<String> byJar = List.of("-jar", jar.toString());
            print("external, empty database (migrates)", start(work, options, List.of(tmpdir), byJar, external));
            series("external", starts, work, options, List.of(tmpdir), byJar, external);
            Path archive = work.resolve("trialkeeper.jsa");
            Files.deleteIfExists(archive);
            print("external, writing the class-data archive", start(work, options,
                    List.of(tmpdir, "-XX:ArchiveClassesAtExit=" + archive), byJar, external));
            series("external, archive of a start", starts, work, options,
                    List.of(tmpdir, "-XX:SharedArchiveFile=" + archive), byJar, external);
            Path withoutDatabase = work.resolve("trialkeeper-docker.jsa");
            archiveAsTheImageDoes(jar, withoutDatabase, options);
            series("external, archive as docker/ makes it", starts, work, options,
                    List.of(tmpdir, "-XX:SharedArchiveFile=" + withoutDatabase), byJar, external);
        }
        Path data = work.resolve("embedded-data");
        if (Files.exists(data)) {
            new ThrowAwayDirectory(data).close();
        }
        List<String> byClasses = List.of("-cp", serviceClassPath(), "org.trialkeeper.Application");
        Map<String, String> embedded = Map.of("TRIALKEEPER_DATA_DIR", data.toString(),
                "TRIALKEEPER_ADMIN_PASSWORD", "startup-benchmark-1");
        try (ThrowAwayDirectory kept = new ThrowAwayDirectory(data)) {
            print("embedded, new data directory", start(work, options, List.of(tmpdir), byClasses, embedded));
            for (int i = 1; i <= 2; i++) {
                print("embedded, kept data directory, start " + i, start(work, options, List.of(tmpdir), byClasses,
                        embedded));
            }
        }
        System.out.printf("load average after: %s%n", LoadAverage.now());
    }

    /** Several starts on the migrated database, each printed, then the median of each column. */
    private static void series(String label, int starts, Path work, String options, List<String> extra,
                               List<String> run, Map<String, String> environment) throws Exception {
        List<TimedStart.Times> times = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            times.add(print(label + ", start " + i, start(work, options, extra, run, environment)));
        }
        printMedian(label + ", median of " + starts, times);
    }

    /** docker/class-data.sh, with this JVM and the service's options, as the image's build runs it. */
    private static void archiveAsTheImageDoes(Path jar, Path archive, String options) throws Exception {
        ProcessBuilder script = new ProcessBuilder("sh", "docker/class-data.sh", jar.toString(), archive.toString())
                .redirectErrorStream(true);
        Path javaHome = Path.of(System.getProperty("java.home"));
        script.environment().put("PATH", javaHome.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        script.environment().put("JAVA_TOOL_OPTIONS", options);
        Process running = script.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (running.waitFor() != 0) {
            throw new IllegalStateException("docker/class-data.sh failed:\n" + output);
        }
    }

    private static TimedStart.Times start(Path work, String options, List<String> extra, List<String> run,
                                          Map<String, String> environment) throws Exception {
        return new TimedStart(TimedStart.java(options, extra, run), environment, work.resolve("service.log")).run();
    }

    /** What the production jar needs against an external database: its URL and the secrets every instance shares. */
    private static Map<String, String> external(DebianMariaDb database) {
        Base64.Encoder base64 = Base64.getEncoder();
        return Map.of("DATASOURCES_DEFAULT_URL", database.url("trialkeeper"),
                "DATASOURCES_DEFAULT_USERNAME", "root",
                "DATASOURCES_DEFAULT_PASSWORD", "",
                "TRIALKEEPER_JWT_SECRET", "startup-benchmark-signing-secret-0123456789",
                "TRIALKEEPER_SEED_KEY", base64.encodeToString(new byte[32]),
                "TRIALKEEPER_AUDIT_KEY", base64.encodeToString(filled(32)),
                "TRIALKEEPER_ADMIN_PASSWORD", "startup-benchmark-1");
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }

    /** The service's classes and dependencies, as mn:run runs them: the test classes and their settings left out. */
    private static String serviceClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private static TimedStart.Times print(String label, TimedStart.Times t) {
        System.out.printf(ROW, label, t.framework(), t.poolStarting() - t.framework(), t.poolStarted() - t.poolStarting(),
                t.schemaChecked() - t.poolStarted(), t.firstAnswer() - t.schemaChecked(), t.ready() - t.firstAnswer(),
                t.ready(), t.cpu(), t.migrations());
        return t;
    }

    private static void printMedian(String label, List<TimedStart.Times> starts) {
        System.out.printf(ROW, label, median(starts, TimedStart.Times::framework),
                median(starts, t -> t.poolStarting() - t.framework()), median(starts, t -> t.poolStarted() - t.poolStarting()),
                median(starts, t -> t.schemaChecked() - t.poolStarted()), median(starts, t -> t.firstAnswer() - t.schemaChecked()),
                median(starts, t -> t.ready() - t.firstAnswer()), median(starts, TimedStart.Times::ready),
                median(starts, TimedStart.Times::cpu), "");
    }

    private static long median(List<TimedStart.Times> starts, ToLongFunction<TimedStart.Times> column) {
        long[] values = starts.stream().mapToLong(column).sorted().toArray();
        return values[values.length / 2];
    }
}
