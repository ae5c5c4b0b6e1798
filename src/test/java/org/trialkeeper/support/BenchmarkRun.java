package org.trialkeeper.support;

/** How a benchmark's main method ends: promptly, with a status that says whether it ran to the end. */
public final class BenchmarkRun {

    /** A benchmark's work. */
    public interface Work {
        void run() throws Exception;
    }

    private BenchmarkRun() {
    }

    /**
     * Runs the work and exits with 0 when it finished, 1 when it failed (after printing why). The
     * exit is needed either way: the embedded server's process watcher is not a daemon thread,
     * and the exit runs its shutdown hook, which stops the server.
     */
    public static void exitAfter(Work work) {
        int status = 1;
        try {
            work.run();
            status = 0;
        } catch (Throwable failure) {
            failure.printStackTrace();
        } finally {
            System.exit(status);
        }
    }
}
