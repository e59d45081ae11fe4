package vaa.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import vaa.VaaException;

/**
 * An OS file lock on {@code <run>/.vaa.lock} held while a process writes into a run. The OS drops
 * it when the process ends, however it ends, so a crashed run never stays locked.
 */
public final class RunLock implements AutoCloseable {
    static final String FILE = ".vaa.lock";

    /**
     * Lock files this process holds. POSIX drops all of a process's locks on a file when it closes any descriptor
     * of that file, so {@link #isHeld} must not open a file this process has locked: it answers from here instead.
     * Process-wide by nature, like the OS locks it mirrors.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;

    private final Path file;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at once or refuses, naming the holder's pid. Never waits. */
    public static RunLock acquire(Path dir, String runLabel) {
        Path file = dir.resolve(FILE);
        if (HELD.contains(file.toAbsolutePath().normalize())) {
            // opening and closing the file again would drop the lock this process holds (see HELD)
            throw new VaaException(VaaException.USAGE, "Run " + runLabel + " is in use by this vaa process already.");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(file);
                ch.close();
                // a conflict of usage, like writing into a sealed run (exit 2): nothing failed while working, and
                // retrying the same command later, or on another run, is the remedy
                throw new VaaException(VaaException.USAGE, "Run " + runLabel + " is in use by another vaa process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + ". Wait for it to finish, or work on a different run.");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            HELD.add(file.toAbsolutePath().normalize());
            return new RunLock(file, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch, e);
            throw VaaException.failure("Cannot lock run " + runLabel + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a live process holds the run's lock now. Probing takes the lock for an instant without writing the
     * file, so a reader changes nothing; a lock held by this very process counts as held.
     */
    public static boolean isHeld(Path dir) {
        Path file = dir.resolve(FILE);
        if (HELD.contains(file.toAbsolutePath().normalize())) {
            return true;
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // an unreadable lock file tells nothing about a holder; say what status.json says
            return true;
        }
    }

    private static String readHolder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch, IOException original) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            original.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        HELD.remove(file.toAbsolutePath().normalize());
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw VaaException.failure("Cannot release run lock: " + e.getMessage(), e);
        }
    }
}
