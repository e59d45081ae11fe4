package vaa.transcript;

import java.nio.file.Path;

/**
 * A candidate transcript file found by {@link SourceScanner}; not yet opened, nor even stat'ed:
 * sizes and hashes are read only for the files a sample draws.
 *
 * @param file     the file (the scan root resolved with {@code relative})
 * @param relative the path below the scan root, '/'-separated, as written in manifests
 */
public record SourceFile(Path file, String relative) {}
