package vaa.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file vaa writes goes through here: write a temp file in the same directory, fsync, rename.
 * A crash at any point leaves either the previous file or the complete new one, never half of one.
 * Temp files are named {@code .<name>.<random>.tmp} so readers that list a directory can skip them.
 */
public final class AtomicFiles {
    /** Hook for tests that simulate a crash between writing and renaming. */
    interface BeforeRename {
        void run(Path temp) throws IOException;
    }

    static volatile BeforeRename beforeRename = temp -> {};

    private AtomicFiles() {}

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        replace(target, bytes(bytes), true);
    }

    /**
     * As {@link #write}, atomic against a crash of this process (kill -9: the page cache survives it) but without the
     * fsync, so after a crash of the machine itself the file may be the old one, missing or empty. Only for files made
     * again at no cost from something that was synced before them (an analysis from its synced cached answer): a
     * reader that finds one unusable makes it again.
     */
    public static void writeUnsynced(Path target, byte[] bytes) throws IOException {
        replace(target, bytes(bytes), false);
    }

    private static TempWriter bytes(byte[] bytes) {
        return temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
                out.flush();
            }
        };
    }

    /** Writes a file's content into the temp file it is given (replacing it; another library may write it). */
    public interface TempWriter {
        void write(Path temp) throws IOException;
    }

    /** As {@link #write}, for content another writer puts into the temp file (e.g. a database's COPY ... TO). */
    public static void replace(Path target, TempWriter writer) throws IOException {
        replace(target, writer, true);
    }

    private static void replace(Path target, TempWriter writer, boolean sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            writer.write(temp);
            shareable(temp);
            if (sync) {
                try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            beforeRename.run(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temp files are created owner-only; results are meant to be read by the team like any other file. */
    private static void shareable(Path temp) throws IOException {
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** True for the temp files this class creates, so directory scans can ignore leftovers of a crash. */
    public static boolean isTempFile(Path file) {
        return isTempName(file.getFileName().toString());
    }

    /** {@link #isTempFile} by the file's name. */
    public static boolean isTempName(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }
}
