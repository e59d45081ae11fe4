package vaa.transcript;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of scanning a source tree.
 *
 * @param root    the directory scanned, or the file when the source is one transcript
 * @param files   candidate transcripts, sorted by relative path
 * @param skipped entries the walk could not enter or read (permission denied, symlink loops), sorted by path
 */
public record SourceScan(Path root, List<SourceFile> files, List<ReadResult.Unreadable> skipped) {
    public SourceScan {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }
}
