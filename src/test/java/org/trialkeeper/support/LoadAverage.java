package org.trialkeeper.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load over the last 1, 5 and 15 minutes, printed beside a benchmark's figures, which it skews. */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }
}
