package vaa.ask;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import vaa.VaaException;
import vaa.run.Run;

/**
 * Saves each answer as {@code reports/asks/<timestamp>.json} and {@code .md} under names never used
 * before, so asking adds files and never rewrites one — which is what lets a sealed run be asked.
 * Names are the local time to the millisecond, with {@code _2}, {@code _3}... when taken; an OS lock
 * on {@code reports/asks/.lock} makes choosing and writing one step for concurrent askers.
 */
final class AskArchive {
    static final String DIR = "asks";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS");

    /** Where a record went, as paths (for messages) and as saved in the record (relative to the run). */
    record Saved(AskRecord record, Path json, Path md) {}

    private final Run run;
    private final Clock clock;

    AskArchive(Run run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    Path dir() {
        return run.reportsDir().resolve(DIR);
    }

    Saved save(AskRecord record, AskContext context) {
        Path dir = dir();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                String base = freeName(dir, NAME.format(LocalDateTime.now(clock)));
                Path json = dir.resolve(base + ".json");
                Path md = dir.resolve(base + ".md");
                AskRecord saved = record.withFiles(new AskRecord.Files(relative(json), relative(md)));
                run.writeJson(json, saved);
                run.writeString(md, AskMarkdown.render(saved, context));
                return new Saved(saved, json, md);
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot save the answer in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String freeName(Path dir, String base) {
        String name = base;
        for (int n = 2; Files.exists(dir.resolve(name + ".json")) || Files.exists(dir.resolve(name + ".md")); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    private String relative(Path p) {
        return run.dir().relativize(p).toString().replace('\\', '/');
    }
}
