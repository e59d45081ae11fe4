package vaa.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.io.Env;
import vaa.io.Json;
import vaa.llm.ModelCatalog;
import vaa.llm.Prices;
import vaa.ui.ModelsView;

/** {@code vaa models}: the model catalog. Says whether each API key is set, never what it is. */
@Command(name = "models", description = "Configured models.", subcommands = ModelsCommand.ListModels.class)
final class ModelsCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 2;
    }

    record Row(String key, String label, String provider, String model, @JsonProperty("base_url") String baseUrl,
               @JsonProperty("api_key_env") List<String> apiKeyEnv, @JsonProperty("key_present") boolean keyPresent,
               @JsonProperty("default_for") List<String> defaultFor, @JsonProperty("price_usd_per_1m_tokens") Prices price,
               @JsonProperty("batch_api") boolean batchApi) {}

    record Listing(List<Row> models, Map<String, String> defaults) {}

    @Command(name = "list", description = "List configured models and whether each has its API key.")
    static final class ListModels extends BaseCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            ModelCatalog catalog = ModelCatalog.load(context().workspace());
            Env env = context().env();
            List<Row> rows = catalog.entries().stream().map(e -> new Row(e.key(), e.label(), e.provider(), e.model(),
                    catalog.baseUrl(e, env), e.apiKeyEnv(), catalog.keyPresent(e, env),
                    catalog.defaults().entrySet().stream().filter(d -> d.getValue().equals(e.key())).map(Map.Entry::getKey).toList(),
                    e.prices().known() ? e.prices() : null,
                    catalog.providers().get(e.provider()) != null && catalog.providers().get(e.provider()).batchApi().isPresent()))
                    .toList();
            if (json) {
                out().print(Json.pretty(new Listing(rows, catalog.defaults())));
                out().flush();   // print() does not autoflush, and main ends with System.exit
                return 0;
            }
            List<ModelsView.Line> lines = rows.stream().map(r -> new ModelsView.Line(r.key(), r.label(), r.provider(), r.model(),
                    r.baseUrl(), r.apiKeyEnv().isEmpty() ? null : r.apiKeyEnv().get(0), r.keyPresent(),
                    String.join(", ", r.defaultFor()), r.batchApi(), r.price() == null ? "unknown" : r.price().describe())).toList();
            ModelsView.print(out(), style(), lines, context().interactive() ? context().terminals().width() : 0);
            out().println(style().dim("Pick one with --model KEY, or name any <provider>:<model-id> (providers: "
                    + String.join(", ", catalog.providers().keySet()) + "). Project overrides: " + ModelCatalog.OVERRIDE_FILE));
            return 0;
        }
    }
}
