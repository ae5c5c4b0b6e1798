package org.trialkeeper.randomisation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The outsider's verifier in src/verifier/python, run by python3 as its own process. */
final class OutsiderVerifier {

    static final Path SOURCE = Path.of("src", "verifier", "python").toAbsolutePath();

    /** What a run printed, standard error included, and how it ended. */
    record Run(int exitCode, String output) {
    }

    private OutsiderVerifier() {
    }

    /** {@code python3 -m} with these arguments, in the verifier's folder and on its path. */
    static Run module(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-m"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(SOURCE.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", SOURCE.toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("python3 -m " + String.join(" ", arguments) + " did not finish in two minutes");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Run verify(Path export, Path commitment) throws IOException, InterruptedException {
        return module("trialkeeper_verify", export.toString(), commitment.toString());
    }
}
