package vaa.assist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vaa.VaaException;

/**
 * A suite or a single experiment read back from {@code experiments/}: what produced it and each
 * conversation's steps as recorded. A single experiment is a set of one conversation.
 *
 * @param suite      whether it is a suite ({@code <name>/suite.json}) rather than {@code <name>.jsonl}
 * @param lastWritten when its newest records file was last written
 */
public record ExperimentSet(String name, boolean suite, String promptName, Integer promptVersion, String modelKey,
                            String modelLabel, String createdAt, List<Member> conversations, FileTime lastWritten) {
    /**
     * One conversation: {@code key} is what matches it with the other side of a comparison (the
     * conversation it replays, plus its file name when a suite replays one conversation twice).
     *
     * @param steps the state file's step count as the records say (0 when nothing was recorded)
     */
    public record Member(String key, String name, String conversation, int steps, Path log, List<StepOutcome> outcomes) {
        public boolean finished() {
            return steps > 0 && outcomes.size() == steps;
        }
    }

    public ExperimentSet {
        conversations = List.copyOf(conversations);
    }

    /**
     * {@code NAME} as {@code vaa assist list} shows it; {@code experiments/NAME}, {@code NAME.jsonl}
     * and {@code NAME.txt} are accepted too. Unknown names are a usage error.
     */
    public static ExperimentSet load(Path workspace, String given) {
        String name = given.replace('\\', '/');
        name = name.startsWith(ExperimentFiles.DIR + "/") ? name.substring(ExperimentFiles.DIR.length() + 1) : name;
        name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String suffix : new String[] {".jsonl", ".txt"}) {
            name = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
        }
        if (!name.isEmpty() && SuiteManifest.exists(workspace, name)) {
            return suite(workspace, name);
        }
        if (!name.isEmpty() && !name.contains("/") && Files.isRegularFile(ExperimentFiles.recordsPath(workspace, name))) {
            return single(workspace, name);
        }
        throw VaaException.usage("No experiment or suite named \"" + given + "\" in " + ExperimentFiles.DIR
                + "/ (see vaa assist list)");
    }

    private static ExperimentSet suite(Path workspace, String name) {
        SuiteManifest manifest = SuiteManifest.read(workspace, name);
        List<Member> members = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        FileTime last = lastModified(SuiteManifest.path(workspace, name));
        for (SuiteManifest.Member m : manifest.conversations()) {
            String run = name + "/" + m.name();
            Path records = ExperimentFiles.recordsPath(workspace, run);
            List<StepOutcome> outcomes = RecordsFile.read(records).outcomes();
            String key = keys.add(m.conversation()) ? m.conversation() : m.conversation() + " (" + m.name() + ")";
            members.add(new Member(key, m.name(), m.conversation(), steps(outcomes), ExperimentFiles.logPath(workspace, run), outcomes));
            last = later(last, Files.exists(records) ? lastModified(records) : null);
        }
        return new ExperimentSet(name, true, manifest.prompt().name(), manifest.prompt().version(), manifest.modelKey(),
                manifest.modelLabel(), manifest.createdAt(), members, last);
    }

    private static ExperimentSet single(Path workspace, String name) {
        Path records = ExperimentFiles.recordsPath(workspace, name);
        List<StepOutcome> outcomes = RecordsFile.read(records).outcomes();
        StepOutcome first = outcomes.isEmpty() ? null : outcomes.get(0);
        String conversation = first == null || first.conversation() == null ? name : first.conversation();
        Member member = new Member(conversation, name, conversation, steps(outcomes), ExperimentFiles.logPath(workspace, name), outcomes);
        return new ExperimentSet(name, false, first == null ? null : first.promptName(), first == null ? null : first.promptVersion(),
                first == null ? null : first.modelKey(), first == null ? null : first.modelLabel(), null, List.of(member),
                lastModified(records));
    }

    private static int steps(List<StepOutcome> outcomes) {
        return outcomes.isEmpty() ? 0 : outcomes.get(0).steps();
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileTime later(FileTime a, FileTime b) {
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** Every answered step of every conversation. */
    public List<StepOutcome> outcomes() {
        return conversations.stream().flatMap(m -> m.outcomes().stream()).toList();
    }

    /** "elg_b2c_objection_assist v7", or "?" when nothing was recorded. */
    public String promptDescription() {
        return promptName == null ? "?" : promptName + " v" + promptVersion;
    }
}
