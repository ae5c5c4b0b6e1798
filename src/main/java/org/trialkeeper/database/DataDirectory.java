package org.trialkeeper.database;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the zero-setup default keeps what must survive a restart: the embedded database and
 * the secrets it generates for itself. {@code TRIALKEEPER_DATA_DIR}, else ./data.
 * <p>
 * One service at a time: the first use locks {@value #LOCK_FILE} in the directory until the
 * service stops, and a second service on the same directory is refused before it reads or
 * writes anything else there.
 */
@Singleton
public final class DataDirectory {

    static final String LOCK_FILE = "service.lock";
    private static final Set<Path> LOCKED_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path path;
    private FileChannel lockFile;
    private FileLock lock;

    DataDirectory(@Value("${trialkeeper.data-dir:}") String dataDir,
                  @Value("${trialkeeper.default-data-dir:data}") String defaultDataDir) {
        this.path = Path.of(dataDir.isBlank() ? defaultDataDir : dataDir).toAbsolutePath().normalize();
    }

    /** The directory, locked for this service from the first call on. */
    public synchronized Path path() {
        if (lock == null) {
            lock();
        }
        return path;
    }

    private void lock() {
        Path file = path.resolve(LOCK_FILE);
        // the lock is the operating system's, held per process, and closing any channel to the
        // file drops it: so another service in this process is told apart without opening one
        if (!LOCKED_BY_THIS_PROCESS.add(path)) {
            throw inUse(file, " in this process");
        }
        try {
            Files.createDirectories(path);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock held = channel.tryLock();
            if (held == null) {
                channel.close();
                throw inUse(file, holder(file));
            }
            channel.truncate(0);
            channel.write(StandardCharsets.US_ASCII.encode(Long.toString(ProcessHandle.current().pid())));
            lockFile = channel;
            lock = held;
        } catch (IOException e) {
            throw new UncheckedIOException("The data directory " + path + " could not be locked through " + file, e);
        } finally {
            if (lock == null) {
                LOCKED_BY_THIS_PROCESS.remove(path);
            }
        }
    }

    private IllegalStateException inUse(Path file, String where) {
        return new IllegalStateException("The data directory " + path + " is in use by another TrialKeeper service"
                + where + ", which holds " + file + ". Stop that service first, or give this one a directory of its "
                + "own with TRIALKEEPER_DATA_DIR.");
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException unreadable) {
            return "";
        }
    }

    @PreDestroy
    synchronized void release() throws IOException {
        if (lockFile != null) {
            lock.release();
            lockFile.close();
            lockFile = null;
            lock = null;
            LOCKED_BY_THIS_PROCESS.remove(path);
        }
    }
}
