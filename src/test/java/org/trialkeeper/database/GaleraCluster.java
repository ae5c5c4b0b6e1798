package org.trialkeeper.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A MariaDB Galera cluster of Debian's {@code mariadb-server} and {@code galera-4} (which
 * {@code .ci/run} installs) on loopback ports: every node in a throw-away directory of its own,
 * root without a password, state transfers by rsync. The first node bootstraps the cluster, the
 * others join it; a node can be killed (SIGKILL) and started again, when it rejoins.
 * <p>
 * Run as root, the servers drop to the {@code mysql} account that the package creates, since
 * the rsync daemon of a state transfer refuses to write as root; their directories are then
 * made under {@code /tmp}, which that account can reach.
 */
public final class GaleraCluster implements AutoCloseable {

    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final String SYNCED = "Synchronized with group";
    /**
     * How soon the others give up on a node that stopped answering. Until they do, commits on
     * every node wait, and requests on the surviving nodes' instances wait for connections;
     * Galera's defaults take 5 s to suspect a node and up to 15 s to evict it.
     */
    static final String EVICTION = "evs.keepalive_period=PT0.3S;evs.inactive_check_period=PT0.3S;"
            + "evs.suspect_timeout=PT1S;evs.inactive_timeout=PT3S;evs.install_timeout=PT3S";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final ThrowAwayDirectory directory;
    private final List<Node> nodes;

    private GaleraCluster(ThrowAwayDirectory directory, List<Node> nodes) {
        this.directory = directory;
        this.nodes = nodes;
    }

    /** One node of the cluster: its ports, its directory, and its server while it runs. */
    private static final class Node {
        final int index;
        final int port;
        final int groupPort;
        final int istPort;
        final int sstPort;
        final Path home;
        Process process;

        Node(int index, Path home) throws IOException {
            this.index = index;
            this.home = home;
            this.port = freePort();
            this.groupPort = freePort();
            this.istPort = freePort();
            this.sstPort = freePort();
        }
    }

    public static GaleraCluster start(int size) throws Exception {
        for (Path needed : List.of(PROVIDER, INSTALL_DB, SERVER)) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: apt-get install mariadb-server galera-4 rsync");
            }
        }
        ThrowAwayDirectory directory = ROOT
                ? new ThrowAwayDirectory(Files.createTempDirectory(Path.of("/tmp"), "galera-"))
                : ThrowAwayDirectory.underTmpdir("galera");
        List<Node> nodes = new ArrayList<>();
        GaleraCluster cluster = new GaleraCluster(directory, nodes);
        try {
            for (int i = 0; i < size; i++) {
                Path home = Files.createDirectories(directory.path().resolve("node" + i));
                nodes.add(new Node(i, home));
                install(home);
            }
            handToServerAccount(directory.path());
            cluster.run(nodes.get(0), true);
            for (Node node : nodes.subList(1, size)) {
                cluster.run(node, false);
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.size();
    }

    /** A JDBC URL of one node, creating the database on first use. */
    public String url(int node, String database) {
        return "jdbc:mysql://127.0.0.1:" + nodes.get(node).port + "/" + database
                + "?createDatabaseIfNotExist=true&useSSL=false";
    }

    /** Kills a node's server at once, as a crash would. */
    public void kill(int node) throws InterruptedException {
        Process process = nodes.get(node).process;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed node again; it rejoins the cluster and catches up before this returns. */
    public void restart(int node) throws Exception {
        run(nodes.get(node), false);
    }

    private void run(Node node, boolean bootstrap) throws Exception {
        String members = nodes.stream().map(n -> "127.0.0.1:" + n.groupPort).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults",
                "--datadir=" + node.home.resolve("data"), "--port=" + node.port, "--bind-address=127.0.0.1",
                "--socket=" + node.home.resolve("mariadbd.sock"), "--binlog-format=ROW",
                "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2", "--innodb-buffer-pool-size=64M",
                "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-address=gcomm://" + members,
                "--wsrep-cluster-name=trialkeeper-test", "--wsrep-node-name=node" + node.index,
                "--wsrep-node-address=127.0.0.1:" + node.groupPort, "--wsrep-sst-method=rsync",
                "--wsrep-sst-receive-address=127.0.0.1:" + node.sstPort,
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + node.groupPort
                        + ";ist.recv_addr=127.0.0.1:" + node.istPort + ";gcache.size=64M;" + EVICTION));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        if (ROOT) {
            command.add("--user=mysql");
        }
        node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(node.home.resolve("server.log").toFile()).start();
        awaitSynced(node);
    }

    /** Waits until the node's log says it is synchronised with the group and ready. */
    private static void awaitSynced(Node node) throws Exception {
        Path log = node.home.resolve("server.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("Galera node " + node.index + " stopped: " + tail(log));
            }
            List<String> lines = readLines(log);
            if (lines.stream().anyMatch(line -> line.contains(SYNCED))) {
                return;
            }
            node.process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Galera node " + node.index + " did not join in time: " + tail(log));
    }

    private static List<String> readLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Collections.emptyList();
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = readLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void install(Path home) throws Exception {
        List<String> command = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
                "--datadir=" + home.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (ROOT) {
            command.add("--user=root");
        }
        Process installing = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(installing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!installing.waitFor(120, TimeUnit.SECONDS) || installing.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + output.getNow(""));
        }
    }

    private static void handToServerAccount(Path root) throws IOException {
        if (!ROOT) {
            return;
        }
        UserPrincipalLookupService accounts = root.getFileSystem().getUserPrincipalLookupService();
        var mysql = accounts.lookupPrincipalByName("mysql");
        var group = accounts.lookupPrincipalByGroupName("mysql");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, mysql);
                Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            if (node.process != null && !node.process.waitFor(30, TimeUnit.SECONDS)) {
                node.process.destroyForcibly().waitFor();
            }
        }
        directory.close();
    }
}
