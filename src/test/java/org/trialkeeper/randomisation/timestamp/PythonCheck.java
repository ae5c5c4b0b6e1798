package org.trialkeeper.randomisation.timestamp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the independent verifier's time-stamp check (Python, standard library only) on a sequence export and a commitment. */
final class PythonCheck {

    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from trialkeeper_verify import timestamp",
            "export = json.load(open(sys.argv[1], encoding='utf-8'))",
            "commitment = json.load(open(sys.argv[2], encoding='utf-8'))",
            "for problem in timestamp.check(export, commitment):",
            "    print(problem)");

    private PythonCheck() {
    }

    /** The problems the check prints, one a line; empty when it finds none. */
    static List<String> problems(String export, String commitment) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("timestamp-check");
        Path exportFile = Files.writeString(folder.resolve("sequence.json"), export);
        Path commitmentFile = Files.writeString(folder.resolve("commitment.json"), commitment);
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", SCRIPT, exportFile.toString(), commitmentFile.toString())
                .redirectError(folder.resolve("stderr.txt").toFile());
        builder.environment().put("PYTHONPATH", Path.of("src/verifier/python").toAbsolutePath().toString());
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "the check ends");
        assertEquals(0, python.exitValue(), () -> read(folder.resolve("stderr.txt")));
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    /** The whole verifier's exit status and what it printed, run as an outsider runs it. */
    record Verdict(int status, String output) {
    }

    static Verdict verifier(String export, String commitment) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("verifier");
        Path exportFile = Files.writeString(folder.resolve("sequence.json"), export);
        Path commitmentFile = Files.writeString(folder.resolve("commitment.json"), commitment);
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "trialkeeper_verify", exportFile.toString(),
                commitmentFile.toString()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", Path.of("src/verifier/python").toAbsolutePath().toString());
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the verifier ends");
        return new Verdict(python.exitValue(), out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no error output)";
        }
    }
}
