package vaa.assist;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import vaa.VaaException;
import vaa.io.Json;

/**
 * {@code experiments/<run>.txt} (the seed's readable log) and {@code experiments/<run>.jsonl} (one
 * record per step, for programs). Both are appended to and flushed after every step, so whatever
 * happens later the file holds every finished step. A run name that is taken is refused: an
 * experiment log is never overwritten.
 */
public final class ExperimentFiles implements AutoCloseable {
    public static final String DIR = "experiments";
    private static final ObjectWriter LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Path log;
    private final Path records;
    private final Writer logOut;
    private final Writer recordsOut;

    private ExperimentFiles(Path log, Path records, Writer logOut, Writer recordsOut) {
        this.log = log;
        this.records = records;
        this.logOut = logOut;
        this.recordsOut = recordsOut;
    }

    public static Path logPath(Path workspace, String runName) {
        return workspace.resolve(DIR).resolve(runName + ".txt");
    }

    public static Path recordsPath(Path workspace, String runName) {
        return workspace.resolve(DIR).resolve(runName + ".jsonl");
    }

    /** Whether the name is used by an experiment ({@code <name>.txt}, {@code .jsonl}) or a suite ({@code <name>/}). */
    public static boolean taken(Path workspace, String runName) {
        return Files.exists(logPath(workspace, runName)) || Files.exists(recordsPath(workspace, runName))
                || Files.exists(workspace.resolve(DIR).resolve(runName));
    }

    public static ExperimentFiles create(Path workspace, String runName) {
        Path log = logPath(workspace, runName);
        Path records = recordsPath(workspace, runName);
        Writer logOut = null;
        try {
            Files.createDirectories(log.getParent());
            logOut = open(log);
            return new ExperimentFiles(log, records, logOut, open(records));
        } catch (FileAlreadyExistsException e) {
            closeAfterFailure(logOut, log);
            throw VaaException.usage("An experiment named \"" + runName + "\" exists already (" + e.getFile()
                    + "); choose another --run-name");
        } catch (IOException e) {
            closeAfterFailure(logOut, log);
            throw VaaException.failure("Cannot create " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the files of an experiment to continue it: the log is started afresh (the runner writes it
     * again from the records kept), the records file is cut to its first {@code keepRecordBytes} bytes
     * (the complete records; a line half-written when the process died goes) and appended to.
     */
    public static ExperimentFiles reopen(Path workspace, String runName, long keepRecordBytes) {
        Path log = logPath(workspace, runName);
        Path records = recordsPath(workspace, runName);
        Writer logOut = null;
        try {
            Files.createDirectories(log.getParent());
            try (FileChannel channel = FileChannel.open(records, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.truncate(keepRecordBytes);
            }
            logOut = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new ExperimentFiles(log, records, logOut, Files.newBufferedWriter(records, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            if (logOut != null) {
                try {
                    logOut.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw VaaException.failure("Cannot reopen " + records + ": " + e.getMessage(), e);
        }
    }

    public Path log() {
        return log;
    }

    public Path records() {
        return records;
    }

    public synchronized void writeLog(String text) {
        append(logOut, log, text);
    }

    public synchronized void writeRecord(ObjectNode record) {
        String line;
        try {
            line = LINE.writeValueAsString(record);
        } catch (IOException e) {
            throw VaaException.failure("Cannot serialise the record for " + records + ": " + e.getMessage(), e);
        }
        append(recordsOut, records, line + "\n");
    }

    @Override
    public synchronized void close() {
        IOException first = null;
        for (Writer w : new Writer[] {logOut, recordsOut}) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw VaaException.failure("Cannot finish writing " + log + ": " + first.getMessage(), first);
        }
    }

    private static Writer open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static void append(Writer out, Path file, String text) {
        try {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            throw VaaException.failure("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The log was created but the records file was not: remove the lone log so the name is free again. */
    private static void closeAfterFailure(Writer logOut, Path log) {
        if (logOut == null) {
            return;
        }
        try {
            logOut.close();
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw VaaException.failure("Cannot remove the half-created " + log + ": " + e.getMessage(), e);
        }
    }
}
