package vaa.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vaa.VaaException;
import vaa.io.Json;

/**
 * Prompt files in Langfuse's response shape: the workspace's {@code prompts/<name>.json} first, then
 * the defaults shipped in {@code src/main/resources/vaa/prompts/} (listed in {@code index.txt}, since
 * a directory inside a jar cannot be listed portably).
 *
 * <p>A workspace file replaces the built-in copy completely, even when its label or version does not
 * match the selector: falling through to the built-in would silently ignore the file a user edited.
 */
public final class LocalPromptSource implements PromptSource {
    static final String RESOURCE_DIR = "vaa/prompts/";
    static final String INDEX = RESOURCE_DIR + "index.txt";
    public static final String WORKSPACE_DIR = "prompts";
    public static final String BUILT_IN = "built-in";
    // Folder-style names ("team/assist") map to subdirectories; nothing may climb out of prompts/.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final Path workspace;

    public LocalPromptSource(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public Prompt get(String name, PromptSelector selector) {
        requireSafe(name);
        Path file = workspaceFile(name);
        if (Files.isRegularFile(file)) {
            String shown = displayPath(name);
            return select(name, selector, read(file, shown), "local file " + shown, shown);
        }
        String resource = RESOURCE_DIR + name + ".json";
        try (InputStream in = resourceStream(resource)) {
            if (in != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return select(name, selector, parseJson(text, "built-in prompt " + name), BUILT_IN,
                        "the built-in copy");
            }
        } catch (IOException e) {
            throw VaaException.failure("Could not read the built-in prompt \"" + name + "\": " + e.getMessage(), e);
        }
        throw new PromptNotFoundException(name, "Prompt \"" + name + "\" not found locally (no "
                + displayPath(name) + " and no built-in copy). Available: " + availableText());
    }

    /** Where a local copy of the prompt lives ({@code prompts/x.json} or "built-in"), if anywhere. */
    public Optional<String> locate(String name) {
        if (!isSafe(name)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(workspaceFile(name))) {
            return Optional.of(displayPath(name));
        }
        return builtInNames().contains(name) ? Optional.of(BUILT_IN) : Optional.empty();
    }

    /** All prompt names available locally: workspace files and built-ins, sorted. */
    public SortedSet<String> names() {
        SortedSet<String> names = builtInNames();
        Path dir = workspace.resolve(WORKSPACE_DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> p.endsWith(".json"))
                        .map(p -> p.substring(0, p.length() - ".json".length()))
                        .forEach(names::add);
            } catch (IOException e) {
                throw VaaException.failure("Could not list " + WORKSPACE_DIR + "/: " + e.getMessage(), e);
            }
        }
        return names;
    }

    static SortedSet<String> builtInNames() {
        SortedSet<String> names = new TreeSet<>();
        try (InputStream in = resourceStream(INDEX)) {
            if (in == null) {
                return names;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw VaaException.failure("Could not read the built-in prompt list " + INDEX + ": " + e.getMessage(), e);
        }
        return names;
    }

    private Prompt select(String name, PromptSelector selector, JsonNode root, String source, String shown) {
        Prompt prompt;
        try {
            prompt = PromptJson.parse(root, name, source);
        } catch (IllegalArgumentException e) {
            throw VaaException.usage("Prompt file " + shown + " cannot be used: " + e.getMessage());
        }
        if (selector.isVersion() && prompt.version() != selector.version()) {
            throw new PromptNotFoundException(name, "Prompt \"" + name + "\" version " + selector.version()
                    + " is not available locally: " + shown + " is version " + prompt.version()
                    + ". Drop --version to use it, or use Langfuse for older versions");
        }
        // A file that lists no labels is the only local copy, so every label selects it.
        if (!selector.isVersion() && !prompt.labels().isEmpty() && !prompt.labels().contains(selector.label())) {
            throw new PromptNotFoundException(name, "Prompt \"" + name + "\" with label " + selector.label()
                    + " is not available locally: " + shown + " has labels " + prompt.labels()
                    + ". Pick one with --label, or add \"" + selector.label() + "\" to its labels");
        }
        return prompt;
    }

    private JsonNode read(Path file, String shown) {
        try {
            return parseJson(Files.readString(file, StandardCharsets.UTF_8), shown);
        } catch (IOException e) {
            throw VaaException.failure("Could not read " + shown + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseJson(String text, String shown) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw VaaException.usage(shown + " is not valid JSON: " + e.getOriginalMessage() + line);
        }
    }

    private Path workspaceFile(String name) {
        return workspace.resolve(WORKSPACE_DIR).resolve(name + ".json");
    }

    private static String displayPath(String name) {
        return WORKSPACE_DIR + "/" + name + ".json";
    }

    private String availableText() {
        SortedSet<String> names = names();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static void requireSafe(String name) {
        if (name == null || name.isBlank()) {
            throw VaaException.usage("A prompt name is required");
        }
        if (!isSafe(name)) {
            throw VaaException.usage("Prompt name \"" + name + "\" cannot be a local file name; use letters,"
                    + " digits, '.', '_', '-' and '/' between folder names");
        }
    }

    private static boolean isSafe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    private static InputStream resourceStream(String resource) {
        return LocalPromptSource.class.getClassLoader().getResourceAsStream(resource);
    }
}
