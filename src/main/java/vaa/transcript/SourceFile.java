package vaa.transcript;

import java.nio.file.Path;

/**
 * A candidate transcript file found by {@link SourceScanner}; not yet opened.
 *
 * @param file     the file (the scan root resolved with {@code relative})
 * @param relative the path below the scan root, '/'-separated, as written in manifests
 * @param size     bytes, from the directory walk's attributes
 */
public record SourceFile(Path file, String relative, long size) {}
