package vaa.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Environment variables merged with the workspace's {@code .env} file; the real environment wins.
 * Values are only ever handed to the code that needs them (HTTP clients); nothing here logs or
 * serialises them.
 */
public final class Env {
    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /** The process environment over {@code <workspace>/.env} (if present). */
    public static Env load(Path workspace) {
        Map<String, String> merged = new HashMap<>(readDotEnv(workspace.resolve(".env")));
        merged.putAll(System.getenv());
        return new Env(merged);
    }

    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** The bindings of a {@code .env} file, parsed as python-dotenv parses them (see {@link DotEnv}). */
    static Map<String, String> readDotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return DotEnv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // An unreadable .env is treated as absent; the missing-key error then names the variable.
            return Map.of();
        }
    }
}
