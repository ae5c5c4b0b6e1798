package org.trialkeeper.randomisation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that each send their share of the work one request at a time, spread over trials:
 * client c's i-th request goes to trial (c + i * clients) mod trials, so 32 clients over 16
 * trials are two a trial, and 8 clients over 16 trials visit every trial equally.
 */
final class ClientLoad {

    /** One allocation of a participant of trial {@code trial} (an index); true when it was answered with success. */
    interface Allocation {
        boolean allocate(int trial) throws Exception;
    }

    /** What the clients got, and the share of the machine's CPU time left idle while they ran (from /proc/stat). */
    record Result(int done, int errors, double seconds, double perSecond, double p50, double p99, double idle) {
    }

    private ClientLoad() {
    }

    static Result run(int clients, int trials, int operations, Allocation allocation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int share = operations / clients;
        long[] latencies = new long[share * clients];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < share; i++) {
                    long began = System.nanoTime();
                    if (!succeeds(allocation, (client + i * clients) % trials)) {
                        errors.incrementAndGet();
                    }
                    latencies[client * share + i] = System.nanoTime() - began;
                }
                return null;
            }));
        }
        long[] cpuBefore = cpuTimes();
        long began = System.nanoTime();
        start.countDown();
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long[] cpuAfter = cpuTimes();
        Arrays.sort(latencies);
        int done = latencies.length - errors.get();
        return new Result(done, errors.get(), seconds, done / seconds, centile(latencies, 0.5), centile(latencies, 0.99),
                idleShare(cpuBefore, cpuAfter));
    }

    /** The machine's idle and total CPU time so far, from the first line of /proc/stat; zeros where there is none. */
    static long[] cpuTimes() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            // idle and iowait
            return new long[]{Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total};
        } catch (java.io.IOException | RuntimeException unreadable) {
            return new long[]{0, 0};
        }
    }

    /** The share of CPU time left idle between two readings of {@link #cpuTimes()}; NaN when unknown. */
    static double idleShare(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total > 0 ? (double) (after[0] - before[0]) / total : Double.NaN;
    }

    private static boolean succeeds(Allocation allocation, int trial) {
        try {
            return allocation.allocate(trial);
        } catch (Exception failed) {
            return false;
        }
    }

    private static double centile(long[] sorted, double centile) {
        return sorted[(int) Math.ceil(sorted.length * centile) - 1] / 1e6;
    }
}
