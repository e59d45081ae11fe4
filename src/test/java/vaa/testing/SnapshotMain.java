package vaa.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaa.AppContext;
import vaa.Vaa;
import vaa.io.Env;

/**
 * Drives a fixed script of commands over the bundled data in a fresh workspace, with a fixed clock and
 * a local stub model, and writes each command's exit code, stdout and stderr to OUT/transcript.txt.
 * Run before and after a change that must not change behaviour, then diff the transcripts and the
 * workspaces' runs/ folders. Usage: SnapshotMain WORKSPACE OUT
 */
public final class SnapshotMain {
    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(ws);
        Files.createDirectories(out);
        Path data = Path.of("customer_data").toAbsolutePath();
        Files.createSymbolicLink(ws.resolve("customer_data"), data);
        StringBuilder log = new StringBuilder();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            List<String[]> plain = List.of(
                    new String[] {"run", "-n", "20", "--seed", "7", "--run-id", "plain"},
                    new String[] {"runs", "show", "plain"},
                    new String[] {"runs", "show", "plain", "--json"},
                    new String[] {"runs", "list"},
                    new String[] {"models", "list"},
                    new String[] {"metrics", "--run-id", "plain", "--json"});
            Map<String, String> env = new HashMap<>(stub.env());
            List<String[]> model = new ArrayList<>(List.of(
                    new String[] {"sample", "-n", "12", "--seed", "3", "--run-id", "m"},
                    new String[] {"analyze", "--run-id", "m", "--model", "openai:demo", "--workers", "2"},
                    new String[] {"metrics", "--run-id", "m", "--by", "source"},
                    new String[] {"extract", "--run-id", "m"},
                    new String[] {"insights", "--run-id", "m"},
                    new String[] {"report", "--run-id", "m"},
                    new String[] {"runs", "show", "m"},
                    new String[] {"runs", "compare", "plain", "m"},
                    new String[] {"runs", "export", "--format", "jsonl"},
                    new String[] {"runs", "export"},
                    new String[] {"run", "--from", "m", "--run-id", "f", "--model", "openai:demo"},
                    new String[] {"ask", "which calls were escalated?", "--run-id", "m", "--model", "openai:demo"},
                    new String[] {"run", "-n", "3", "--model", "nosuch", "--run-id", "bad"},
                    new String[] {"runs", "show", "ghost"},
                    new String[] {"sample", "-n", "0", "--run-id", "z"}));
            try (AppContext ctx = AppContext.forTest(ws, Env.of(Map.of()), clock, Optional.empty(), null)) {
                for (String[] a : plain) {
                    step(ctx, log, a);
                }
            }
            try (AppContext ctx = AppContext.forTest(ws, Env.of(env), clock, Optional.empty(), null)) {
                for (String[] a : model) {
                    step(ctx, log, a);
                }
            }
        }
        Files.writeString(out.resolve("transcript.txt"), log.toString());
    }

    private static void step(AppContext ctx, StringBuilder log, String[] args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Vaa.run(ctx, new PrintWriter(o, true), new PrintWriter(e, true), args);
        log.append("$ vaa ").append(String.join(" ", args)).append("  -> ").append(code).append('\n')
                .append("--- out\n").append(o).append("--- err\n").append(e).append('\n');
    }
}
