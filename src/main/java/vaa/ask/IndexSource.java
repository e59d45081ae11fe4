package vaa.ask;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import vaa.VaaException;
import vaa.run.Run;

/**
 * The files an index of a run is built from, and their fingerprint: the sha256 of every analysis
 * and transcript file's name, size and modification time (plus the index format). Listing and
 * stat-ing is cheap next to parsing (about 0.1 s for 10,000 calls), and {@link Stamp} makes the
 * check per question cheaper still.
 */
record IndexSource(List<Path> analyses, Path sampledDir, String fingerprint, Stamp stamp) {
    /** Bumped when the indexed documents change shape, so an index from an older vaa is rebuilt. */
    static final String FORMAT = "vaa-ask-index-1";
    static final String ERROR_SUFFIX = ".error.json";

    IndexSource {
        analyses = List.copyOf(analyses);
    }

    /**
     * The modification times of the two directories when a scan started. vaa writes every file by
     * rename, so any change to an analysis or transcript changes its directory's time; when neither
     * changed, the scan still holds. Directory times that were close to the scan are not trusted
     * (a coarse file-system clock could hide a change made just after it), as git treats "racy" files.
     */
    record Stamp(FileTime analyses, FileTime sampled, long scannedAtMillis) {
        static final long RACY_MS = 2_000;

        static Stamp of(Run run) {
            return new Stamp(mtime(run.analysesDir()), mtime(run.sampledDir()), System.currentTimeMillis());
        }

        boolean stillHolds(Run run) {
            long newest = Math.max(analyses.toMillis(), sampled.toMillis());
            return newest < scannedAtMillis - RACY_MS && analyses.equals(mtime(run.analysesDir())) && sampled.equals(mtime(run.sampledDir()));
        }

        private static FileTime mtime(Path dir) {
            try {
                return Files.getLastModifiedTime(dir);
            } catch (NoSuchFileException e) {
                return FileTime.fromMillis(0);
            } catch (IOException e) {
                throw VaaException.failure("Cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    static IndexSource scan(Run run) {
        Stamp stamp = Stamp.of(run);
        MessageDigest digest = sha256();
        digest.update((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        List<Path> analyses = list(run, run.analysesDir(), "a", digest, true);
        list(run, run.sampledDir(), "s", digest, false);
        return new IndexSource(analyses, run.sampledDir(), HexFormat.of().formatHex(digest.digest()), stamp);
    }

    /** Sorted, so the fingerprint does not depend on directory order. Failed analyses are not calls to index. */
    private static List<Path> list(Run run, Path dir, String tag, MessageDigest digest, boolean skipErrors) {
        List<Path> files = run.jsonFiles(dir).stream()
                .filter(p -> !(skipErrors && p.getFileName().toString().endsWith(ERROR_SUFFIX))).toList();
        for (Path p : files) {
            String stamp;
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                stamp = a.size() + "\t" + a.lastModifiedTime().toMillis();
            } catch (NoSuchFileException e) {
                stamp = "gone";   // replaced between listing and stat (an atomic rewrite); the next question sees the new file
            } catch (IOException e) {
                throw VaaException.failure("Cannot read " + p + ": " + e.getMessage(), e);
            }
            digest.update((tag + "\t" + p.getFileName() + "\t" + stamp + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
