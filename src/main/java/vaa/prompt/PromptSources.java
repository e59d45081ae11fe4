package vaa.prompt;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vaa.VaaException;
import vaa.io.Env;
import vaa.io.MessageSink;

/** Picks the prompt source for a process: Langfuse when it is configured, local files otherwise. */
public final class PromptSources {

    /** {@code --prompt-source auto|langfuse|local}. */
    public enum Mode {
        AUTO, LANGFUSE, LOCAL;

        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw VaaException.usage("Unknown prompt source \"" + value + "\"; use auto, langfuse or local");
            }
        }
    }

    private PromptSources() {}

    public static PromptSource create(Env env, Path workspace) {
        return create(env, workspace, Mode.AUTO, MessageSink.NONE);
    }

    /**
     * A cached source. AUTO uses Langfuse when both keys and a host are set, and local files (with a warning to
     * {@code messages}) for a prompt Langfuse lacks or when it cannot be reached; LANGFUSE insists on it (exit 2 naming
     * the missing variables, a missing prompt is an error naming the local copy); LOCAL never contacts Langfuse.
     */
    public static PromptSource create(Env env, Path workspace, Mode mode, MessageSink messages) {
        LocalPromptSource local = new LocalPromptSource(workspace);
        Optional<LangfuseSettings> langfuse = mode == Mode.LOCAL ? Optional.empty() : LangfuseSettings.fromEnv(env);
        if (mode == Mode.LANGFUSE && langfuse.isEmpty()) {
            throw VaaException.usage("Prompt source langfuse needs " + String.join(", ", LangfuseSettings.missing(env))
                    + " (in the environment or .env)");
        }
        PromptSource source = langfuse
                .<PromptSource>map(s -> mode == Mode.LANGFUSE ? new LocalCopyHint(new LangfusePromptSource(s), local)
                        : new LangfuseOrLocal(new LangfusePromptSource(s), local, messages))
                .orElse(local);
        return new CachingPromptSource(source);
    }

    /**
     * Something worth telling the user about the choice, e.g. Langfuse keys set without a host, so
     * local prompts are used. Empty when the choice is unsurprising.
     */
    public static Optional<String> notice(Env env, Mode mode) {
        if (mode != Mode.AUTO) {
            return Optional.empty();
        }
        List<String> missing = LangfuseSettings.missing(env);
        boolean partlySet = !missing.isEmpty() && missing.size() < 3;
        if (!partlySet) {
            return Optional.empty();
        }
        return Optional.of("Langfuse is partly configured (missing " + String.join(", ", missing)
                + "), so prompts come from local files");
    }
}
