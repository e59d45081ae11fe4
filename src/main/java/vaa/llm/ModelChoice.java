package vaa.llm;

import java.util.Optional;
import vaa.io.Env;
import vaa.llm.ModelCatalog;
import vaa.llm.ModelEntry;
import vaa.llm.ResolvedModel;

/**
 * Which model a model-backed stage uses: the one named with {@code --model} (its key must be set),
 * else the catalog's default for the role when its key is present, else none — and then the stage
 * says plainly that it was skipped and how to configure a model.
 */
public record ModelChoice(Optional<ResolvedModel> model, String whyNone) {
    public static ModelChoice select(ModelCatalog catalog, String explicitKey, String role, Env env) {
        if (explicitKey != null && !explicitKey.isBlank()) {
            return new ModelChoice(Optional.of(catalog.resolve(explicitKey.strip(), env)), null);
        }
        Optional<String> key = catalog.defaultFor(role);
        if (key.isEmpty()) {
            return new ModelChoice(Optional.empty(), "no default " + role + " model in the catalog; pass --model KEY (see vaa models list)");
        }
        ModelEntry entry = catalog.entry(key.get());
        if (!catalog.keyPresent(entry, env)) {
            return new ModelChoice(Optional.empty(), "no model configured: the default " + role + " model \"" + key.get()
                    + "\" needs " + String.join(" or ", entry.apiKeyEnv())
                    + ". Set it in the environment or .env, or pass --model KEY (see vaa models list)");
        }
        return new ModelChoice(Optional.of(catalog.resolve(key.get(), env)), null);
    }
}
