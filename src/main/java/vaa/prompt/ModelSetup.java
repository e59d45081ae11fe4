package vaa.prompt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelChoice;
import vaa.llm.ResolvedModel;

/**
 * The model and prompts of a model-backed command, resolved the same way by analyze, insights, ask
 * and assist: the model is {@code --model}, else the catalog's default for the command's role (see
 * {@link ModelChoice}); a prompt is {@code --prompt}, else the command's own, at the label or version
 * asked for, from the source {@code --prompt-source} names. Also how the two are described in
 * config.json and in records, so every file names them alike.
 */
public final class ModelSetup {
    private final Env env;
    private final Path workspace;
    private final ModelCatalog catalog;
    private final Supplier<PromptSources.Mode> mode;
    private final MessageSink messages;
    private PromptSource prompts;

    public ModelSetup(Env env, Path workspace, ModelCatalog catalog, PromptSources.Mode mode, MessageSink messages) {
        this(env, workspace, catalog, () -> mode, messages);
    }

    private ModelSetup(Env env, Path workspace, ModelCatalog catalog, Supplier<PromptSources.Mode> mode, MessageSink messages) {
        this.env = env;
        this.workspace = workspace;
        this.catalog = catalog;
        this.mode = mode;
        this.messages = messages;
    }

    /**
     * The workspace's catalog and {@code --prompt-source} as given (null: auto). The source is read
     * when a prompt is first needed: a stage that goes on without a model never checks it.
     */
    public static ModelSetup load(Env env, Path workspace, String promptSource, MessageSink messages) {
        return new ModelSetup(env, workspace, ModelCatalog.load(workspace), () -> PromptSources.Mode.parse(promptSource), messages);
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * {@code explicitKey} when given, else the default of the first of {@code roles} the catalog has
     * one for; when it has none, the last role is the one the "no model" reason names.
     */
    public ModelChoice model(String explicitKey, String... roles) {
        List<String> candidates = List.of(roles);
        String role = candidates.stream().filter(r -> catalog.defaultFor(r).isPresent()).findFirst()
                .orElse(candidates.get(candidates.size() - 1));
        return ModelChoice.select(catalog, explicitKey, role, env);
    }

    /** Opened on first use, so that a command without a model never contacts Langfuse. */
    public PromptSource prompts() {
        if (prompts == null) {
            prompts = PromptSources.create(env, workspace, mode.get(), messages);
        }
        return prompts;
    }

    /** What is worth telling about where prompts come from (see {@link PromptSources#notice}). */
    public Optional<String> notice() {
        return PromptSources.notice(env, mode.get());
    }

    /** {@code name} (null: {@code defaultName}) at {@code label} or {@code version} (neither: production). */
    public Prompt prompt(String name, String defaultName, String label, Integer version) {
        PromptSource source = prompts();
        return source.get(name == null ? defaultName : name, PromptSelector.of(label, version));
    }

    /** How messages name a model: "key (model-id via host)". */
    public static String label(ResolvedModel m) {
        return m.key() + " (" + m.model() + " via " + m.host() + ")";
    }

    /** The model as config.json records it: a base URL may carry user:password or a key in its query; config.json never does. */
    public static Map<String, Object> describe(ResolvedModel m) {
        return ordered("key", m.key(), "model", m.model(), "provider", m.provider(), "base_url", m.publicBaseUrl(),
                "params", m.params());
    }

    /** The model as the record of one answer names it: the host rather than a base URL that could carry credentials. */
    public static Map<String, Object> describeBriefly(ResolvedModel m) {
        return ordered("key", m.key(), "model", m.model(), "provider", m.provider(), "host", m.host());
    }

    public static Map<String, Object> describe(Prompt p) {
        return ordered("name", p.name(), "version", p.version(), "source", p.source());
    }

    /** Keys in the order given: Map.of would shuffle the keys of config.json from one JVM to the next. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            d.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return d;
    }
}
