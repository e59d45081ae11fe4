package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vaa.VaaException;
import vaa.io.Json;
import vaa.llm.ChatMessage;
import vaa.prompt.Prompt;
import vaa.prompt.PromptType;

/**
 * {@code experiments/<suite>/suite.json}, written once when a suite starts: the prompt as it was
 * fetched (messages included, so a resumed suite runs the very same prompt without fetching it
 * again), the model, the options, and which conversation comes from which state file.
 *
 * @param conversations name, state file and conversation of each member, in the suite's order
 */
public record SuiteManifest(String suite, String createdAt, Prompt prompt, String modelKey, String modelLabel,
                            String modelId, Duration delay, boolean dryRun, boolean cache, int workers,
                            List<Member> conversations, List<SuitePlan.Skipped> skipped) {
    public static final String FILE = "suite.json";

    /** One conversation of the suite: its file name, where its state came from, which conversation it is. */
    public record Member(String name, String state, String conversation) {}

    public SuiteManifest {
        conversations = List.copyOf(conversations);
        skipped = List.copyOf(skipped);
    }

    public static Path path(Path workspace, String suite) {
        return workspace.resolve(ExperimentFiles.DIR).resolve(suite).resolve(FILE);
    }

    public static boolean exists(Path workspace, String suite) {
        return Files.isRegularFile(path(workspace, suite));
    }

    static SuiteManifest of(SuitePlan plan) {
        List<Member> members = plan.conversations().stream()
                .map(c -> new Member(SuitePlan.memberName(c), c.stateDisplay(), c.state().conversation())).toList();
        return new SuiteManifest(plan.runName(), plan.createdAt(), plan.prompt(), plan.model().key(), plan.model().label(),
                plan.model().model(), plan.delay(), plan.dryRun(), plan.cache(), plan.workers(), members, plan.skipped());
    }

    void write(Path workspace) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("suite", suite);
        root.put("created_at", createdAt);
        ObjectNode p = root.putObject("prompt");
        p.put("name", prompt.name()).put("version", prompt.version()).put("source", prompt.source())
                .put("type", prompt.type().wireName());
        if (prompt.type() == PromptType.CHAT) {
            ArrayNode messages = p.putArray("messages");
            prompt.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        } else {
            p.put("text", prompt.text());
        }
        p.set("config", prompt.config());
        prompt.labels().forEach(p.putArray("labels")::add);
        root.putObject("model").put("key", modelKey).put("label", modelLabel).put("model", modelId);
        root.put("delay_ms", delay.toMillis());
        root.put("dry_run", dryRun);
        root.put("cache", cache);
        root.put("workers", workers);
        ArrayNode list = root.putArray("conversations");
        conversations.forEach(m -> list.addObject().put("name", m.name()).put("state", m.state()).put("conversation", m.conversation()));
        ArrayNode left = root.putArray("skipped");
        skipped.forEach(s -> left.addObject().put("state", s.state()).put("reason", s.reason()));
        try {
            Json.write(path(workspace, suite), root);
        } catch (IOException e) {
            throw VaaException.failure("Cannot write " + path(workspace, suite) + ": " + e.getMessage(), e);
        }
    }

    /** The manifest of a suite; a missing or unreadable one is a usage error naming the suite. */
    public static SuiteManifest read(Path workspace, String suite) {
        Path file = path(workspace, suite);
        if (!Files.isRegularFile(file)) {
            throw VaaException.usage("No suite named \"" + suite + "\" in " + ExperimentFiles.DIR + "/ (no " + FILE
                    + "; see vaa assist list)");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw VaaException.usage(file + " cannot be read: " + e.getMessage());
        }
        JsonNode p = root.path("prompt");
        Prompt prompt;
        try {
            if (p.path("type").asText().equals(PromptType.TEXT.wireName())) {
                prompt = Prompt.text(p.path("name").asText(), p.path("version").asInt(), p.path("text").asText(),
                        p.get("config"), strings(p.path("labels")), p.path("source").asText());
            } else {
                List<ChatMessage> messages = new ArrayList<>();
                p.path("messages").forEach(m -> messages.add(new ChatMessage(m.path("role").asText(), m.path("content").asText())));
                prompt = Prompt.chat(p.path("name").asText(), p.path("version").asInt(), messages, p.get("config"),
                        strings(p.path("labels")), p.path("source").asText());
            }
        } catch (RuntimeException e) {
            throw VaaException.usage(file + " holds no usable prompt: " + e.getMessage());
        }
        List<Member> members = new ArrayList<>();
        root.path("conversations").forEach(m -> members.add(new Member(m.path("name").asText(), m.path("state").asText(),
                m.path("conversation").asText())));
        List<SuitePlan.Skipped> skipped = new ArrayList<>();
        root.path("skipped").forEach(s -> skipped.add(new SuitePlan.Skipped(s.path("state").asText(), s.path("reason").asText())));
        JsonNode model = root.path("model");
        return new SuiteManifest(root.path("suite").asText(suite), root.path("created_at").asText(null), prompt,
                model.path("key").asText(), model.path("label").asText(), model.path("model").asText(),
                Duration.ofMillis(root.path("delay_ms").asLong(AssistOptions.DEFAULT_DELAY.toMillis())),
                root.path("dry_run").asBoolean(), root.path("cache").asBoolean(),
                Math.max(1, root.path("workers").asInt(AssistOptions.SuiteFlags.DEFAULT_WORKERS)), members, skipped);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
