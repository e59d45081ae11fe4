package vaa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vaa.io.Json;

/**
 * What {@code bench/soak-kill-resume.sh} looks at in a run directory, one {@code key value} line each:
 * {@code answered <call id>} for every call whose model answer is on disk complete (its analysis, or a cached
 * response naming it, under its own name or as a complete temporary file); {@code temporary <path>} for every
 * leftover {@code .<name>.<digits>.tmp}; {@code corrupt <path>} for every other {@code .json} file that is not valid
 * JSON; {@code status <overall>} and {@code stage <first stage not completed>}. The ask index (Lucene's own files) is
 * not looked at.
 */
public final class SoakCheck {
    private static final Pattern TEMP = Pattern.compile("\\..+\\.\\d+\\.tmp");

    private SoakCheck() {}

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        TreeSet<String> answered = new TreeSet<>();
        List<String> temporaries = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = run.relativize(p).toString();
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || rel.startsWith("cache/ask-index")) {
                    continue;
                }
                boolean temp = TEMP.matcher(name).matches();
                if (!temp && !name.endsWith(".json")) {
                    continue;
                }
                JsonNode doc;
                try {
                    doc = Json.MAPPER.readTree(p.toFile());
                } catch (IOException e) {
                    if (temp) {
                        temporaries.add(rel + " partial");
                    } else {
                        corrupt.add(rel);
                    }
                    continue;
                }
                if (temp) {
                    temporaries.add(rel + (doc != null && doc.isObject() ? " complete" : " partial"));
                }
                String id = answeredCall(rel, doc);
                if (id != null) {
                    answered.add(id);
                }
            }
        }
        answered.forEach(id -> System.out.println("answered " + id));
        temporaries.forEach(t -> System.out.println("temporary " + t));
        corrupt.forEach(c -> System.out.println("corrupt " + c));
        JsonNode status = Files.isRegularFile(run.resolve("status.json")) ? Json.MAPPER.readTree(run.resolve("status.json").toFile()) : null;
        System.out.println("status " + (status == null ? "none" : status.path("overall_status").asText()));
        String stage = "none";
        if (status != null) {
            for (var it = status.path("stages").fields(); it.hasNext(); ) {
                var e = it.next();
                if (!"completed".equals(e.getValue().path("status").asText())) {
                    stage = e.getKey() + ":" + e.getValue().path("status").asText();
                    break;
                }
            }
        }
        System.out.println("stage " + stage);
    }

    /** The call a complete answer belongs to: a judged analysis, or a cached response whose summary names it. */
    private static String answeredCall(String rel, JsonNode doc) {
        if (rel.startsWith("analyses/") && doc.path("judgement").isObject()) {
            return doc.path("call_id").asText();
        }
        if (rel.startsWith("cache/llm/") && doc.path("content").isTextual()) {
            try {
                String summary = Json.MAPPER.readTree(doc.path("content").asText()).path("summary").asText();
                return summary.startsWith(SoakServer.SUMMARY_PREFIX) ? summary.substring(SoakServer.SUMMARY_PREFIX.length()) : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
