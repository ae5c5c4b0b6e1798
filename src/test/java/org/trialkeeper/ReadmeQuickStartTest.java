package org.trialkeeper;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's quick start, and the blocks that continue it, as a reader would: the shell
 * blocks marked {@code <!-- quick-start -->}, in the README's order, with bash and curl, against a
 * service on a fresh database, with the one-time password its first start logged. Only the port
 * is changed. Every request must answer a 2xx, but those a comment of the block says are "refused
 * with" a status, which must answer that status, in that order. It runs once for each arm
 * participant 1 can be allocated to, each from a fixed seed that allocates it there.
 */
class ReadmeQuickStartTest {

    private static final Path README = Path.of("README.md");
    private static final String README_ADDRESS = "localhost:8080";
    /** curl, as the blocks call it, also writes each answer's status where the test reads it. */
    private static final String PRELUDE = """
            set -euo pipefail
            shopt -s inherit_errexit
            curl() { command curl -w '%{stderr}\\n@status %{http_code} %{method} %{url_effective}\\n' "$@"; }
            """;
    private static final Pattern VIOLATION = Pattern.compile("\\{\"field\": \"([^\"]+)\", \"rule\": \"([^\"]+)\"}");
    private static final Pattern STATUS_LINE = Pattern.compile("^@status (\\d{3}) (\\S+) (\\S+)$", Pattern.MULTILINE);

    @ParameterizedTest(name = "participant 1 in {1}")
    @CsvSource({"1, BALINT", "2, WAITLIST"})
    void theQuickStartRunsAsWrittenWhateverTheAllocation(long seed, String arm) throws Exception {
        String readme = Files.readString(README);
        String script = ReadmeBlocks.marked(readme, "quick-start", "sh");
        List<String> shownViolations = VIOLATION.matcher(ReadmeBlocks.marked(readme, "quick-start-answer", "json"))
                .results().map(m -> "{\"field\":\"" + m.group(1) + "\",\"rule\":\"" + m.group(2) + "\"").toList();
        List<Integer> refusals = ReadmeBlocks.refusals(script);
        assertFalse(refusals.isEmpty(), "the quick start shows at least one refusal");

        Logger logger = (Logger) LoggerFactory.getLogger("org.trialkeeper.security.FirstAdministrator");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Map<String, Object> firstStart = Map.of("trialkeeper.admin-password", "", "trialkeeper.demo.seed", seed,
                "trialkeeper.embedded-db.database", "trialkeeper_readme_" + seed, "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, firstStart, "test")) {
            Matcher oneTime = Pattern.compile("one-time password (\\S+)")
                    .matcher(log.list.stream().map(ILoggingEvent::getFormattedMessage).findFirst().orElse(""));
            assertTrue(oneTime.find(), "the first start logs a one-time password");
            Run run = run(script.replace(README_ADDRESS, "localhost:" + server.getPort()), oneTime.group(1), seed);

            assertEquals(0, run.exitCode(), () -> "the quick start stopped:\n" + run.stderr());
            List<String> calls = STATUS_LINE.matcher(run.stderr()).results().map(m -> m.group(0)).toList();
            assertTrue(calls.size() > 40, () -> "every request ran: " + calls);
            List<Integer> refused = STATUS_LINE.matcher(run.stderr()).results()
                    .map(m -> Integer.parseInt(m.group(1))).filter(status -> status < 200 || status > 299).toList();
            assertEquals(refusals, refused, () -> "requests answered otherwise than the README says:\n"
                    + String.join("\n", calls) + "\n" + run.stdout());
            String broken = brokenProtocolAnswer(run.stdout());
            assertEquals(List.of(), shownViolations.stream().filter(v -> !broken.contains(v)).toList(),
                    () -> "violations the README shows that the broken protocol's answer does not give: " + broken);
            assertEquals(shownViolations.size(), broken.split("\"field\":").length - 1,
                    () -> "the broken protocol's answer gives as many violations as the README shows: " + broken);
            assertTrue(run.stdout().contains("\"arm\":\"" + arm + "\""), () -> "participant 1 was allocated to "
                    + arm + " with this seed:\n" + run.stdout());
        } finally {
            logger.detachAppender(log);
        }
    }

    private static String brokenProtocolAnswer(String stdout) {
        int start = stdout.indexOf("urn:trialkeeper:problem:invalid-protocol");
        assertTrue(start >= 0, "the broken protocol is refused as invalid-protocol");
        return stdout.substring(start, stdout.indexOf("\"requestId\"", start));
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** The script in a folder of its own (it writes files), where the repository's protocols are at hand. */
    private static Run run(String script, String oneTimePassword, long seed) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(Path.of("target", "readme-quick-start", String.valueOf(seed)));
        Path protocols = folder.resolve("protocols");
        if (!Files.exists(protocols, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(protocols, Path.of("protocols").toAbsolutePath());
        }
        Path file = folder.resolve("quick-start.sh");
        Files.writeString(file, PRELUDE + script);
        ProcessBuilder bash = new ProcessBuilder("bash", file.getFileName().toString()).directory(folder.toFile())
                .redirectOutput(folder.resolve("stdout").toFile()).redirectError(folder.resolve("stderr").toFile());
        bash.environment().put("ONE_TIME", oneTimePassword);
        Process process = bash.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new Run(exit, Files.readString(folder.resolve("stdout")), Files.readString(folder.resolve("stderr")));
    }
}
