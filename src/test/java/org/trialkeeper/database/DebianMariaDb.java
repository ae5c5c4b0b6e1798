package org.trialkeeper.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's own MariaDB server (the {@code mariadb-server} package, which {@code .ci/run}
 * installs), started as an external database: a throw-away data directory, a free port on the
 * loopback address, root without a password. Stopped and deleted on close.
 */
final class DebianMariaDb implements AutoCloseable {

    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final String READY = "ready for connections";

    private final ThrowAwayDirectory directory;
    private final int port;
    private final Process process;

    private DebianMariaDb(ThrowAwayDirectory directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    static DebianMariaDb start() throws Exception {
        if (!Files.isExecutable(INSTALL_DB) || !Files.isExecutable(SERVER)) {
            throw new IllegalStateException("Debian's mariadb-server package is needed: apt-get install mariadb-server");
        }
        ThrowAwayDirectory directory = ThrowAwayDirectory.underTmpdir("debian-mariadb");
        Path data = directory.path().resolve("data");
        List<String> install = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        install.addAll(asRoot());
        Process installing = new ProcessBuilder(install).redirectErrorStream(true).start();
        String installed = new String(installing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!installing.waitFor(60, TimeUnit.SECONDS) || installing.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + installed);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> serve = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.path().resolve("mariadbd.sock")));
        serve.addAll(asRoot());
        Process process = new ProcessBuilder(serve).redirectErrorStream(true).start();
        DebianMariaDb server = new DebianMariaDb(directory, port, process);
        try {
            server.awaitReady();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static List<String> asRoot() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }

    /** Reads the server's log until it says it is ready; the rest of the log is read and dropped, so the server never blocks on it. */
    private void awaitReady() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> log = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!ready.isDone()) {
                        log.add(line);
                        if (line.contains(READY)) {
                            ready.complete(null);
                        }
                    }
                }
                ready.completeExceptionally(new IllegalStateException("mariadbd stopped: " + String.join("\n", log)));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "debian-mariadb-log");
        reader.setDaemon(true);
        reader.start();
        ready.get(60, TimeUnit.SECONDS);
    }

    String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?createDatabaseIfNotExist=true&useSSL=false";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        directory.close();
    }
}
